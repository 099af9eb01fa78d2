/** CRC-64/XZ bit by bit (reflected ECMA-182 polynomial, init and xorout all ones): independent of hash-wasm. */
export function crc64Reference(data: Uint8Array): bigint {
  const poly = 0xc96c5795d7870f42n
  let crc = 0xffffffffffffffffn
  for (const byte of data) {
    crc ^= BigInt(byte)
    for (let i = 0; i < 8; i += 1) crc = crc & 1n ? (crc >> 1n) ^ poly : crc >> 1n
  }
  return crc ^ 0xffffffffffffffffn
}
