import * as zlib from 'node:zlib'
import { LcubeError } from '../errors'

type WasmZstd = { init(): Promise<void>; compress(data: Uint8Array, level: number): Uint8Array; decompress(data: Uint8Array): Uint8Array }

let wasm: WasmZstd | undefined

/** node:zlib has zstd from Node 22.15/23.8 (Electron 45's Node 24); Node 20 uses the WASM build. Both write standard frames. */
export function nativeZstdAvailable(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.LCUBE_ZSTD !== 'wasm' && typeof (zlib as { zstdCompressSync?: unknown }).zstdCompressSync === 'function'
}

/** Loads the WASM codec when the runtime lacks native zstd; call once per thread before use. */
export async function initZstd(): Promise<void> {
  if (nativeZstdAvailable() || wasm) return
  const module = (await import('@bokuweb/zstd-wasm')) as unknown as WasmZstd
  await module.init()
  wasm = module
}

type NativeZstd = {
  zstdCompressSync(data: Uint8Array, options: object): Buffer
  zstdDecompressSync(data: Uint8Array, options: object): Buffer
  constants: Record<string, number>
}

export function zstdCompress(data: Uint8Array, level: number): Uint8Array {
  if (nativeZstdAvailable()) {
    const z = zlib as unknown as NativeZstd
    // the content size goes into the frame header, so the WASM reader (which needs it) can read native frames
    return z.zstdCompressSync(data, { params: { [z.constants.ZSTD_c_compressionLevel!]: level }, pledgedSrcSize: data.length })
  }
  if (!wasm) throw new Error('zstd is not initialised: call initZstd() first')
  return wasm.compress(data, level)
}

/** Decompresses and checks the length the record declared: a mismatch is corruption, never a short file. */
export function zstdDecompress(data: Uint8Array, expectedLength: number): Uint8Array {
  let out: Uint8Array
  try {
    if (nativeZstdAvailable()) {
      out = (zlib as unknown as NativeZstd).zstdDecompressSync(data, { maxOutputLength: Math.max(1, expectedLength) })
    } else {
      if (!wasm) throw new Error('zstd is not initialised: call initZstd() first')
      out = wasm.decompress(data)
    }
  } catch (error) {
    throw new LcubeError('CORRUPT', { en: `zstd data does not decompress: ${(error as Error).message}`, zh: `zstd 数据无法解压：${(error as Error).message}` })
  }
  if (out.length !== expectedLength) {
    throw new LcubeError('CORRUPT', { en: `zstd data decompressed to ${out.length} bytes, expected ${expectedLength}`, zh: `zstd 数据解压后为 ${out.length} 字节，应为 ${expectedLength}` })
  }
  return out
}
