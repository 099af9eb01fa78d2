/** xorshift32: a tiny seeded generator of uint32s, for reproducible samples and benchmark data (not crypto). */
export function xorshift32(seed: number): () => number {
  let x = seed >>> 0 || 1
  return () => {
    x ^= x << 13
    x ^= x >>> 17
    x ^= x << 5
    return x >>> 0
  }
}
