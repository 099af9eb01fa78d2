import { scrypt } from 'node:crypto'
import { LcubeError } from '../errors'

/** scrypt parameters as stored in a key slot. N = 2^logN. */
export type ScryptParams = Readonly<{ name: 'scrypt'; logN: number; r: number; p: number }>

/** Default: N=2^17, r=8 (128 MiB, ~0.35 s here), age's and restic's ballpark. */
export const DEFAULT_SCRYPT: ScryptParams = { name: 'scrypt', logN: 17, r: 8, p: 1 }

/** Bounds checked before running the KDF, so an edited header cannot make it run for hours (age caps logN at 22). */
export const SCRYPT_BOUNDS = { minLogN: 10, maxLogN: 22, maxR: 32, maxP: 16, maxMemoryBytes: 2 ** 31 } as const

export function scryptMemory(params: ScryptParams): number {
  return 128 * 2 ** params.logN * params.r + 128 * params.r * params.p
}

/** Throws CORRUPT for parameters a genuine header never has; returns the params when sane. */
export function checkScryptParams(value: unknown): ScryptParams {
  const v = value as Partial<ScryptParams> | null
  const ok =
    typeof v === 'object' && v !== null && v.name === 'scrypt' &&
    Number.isInteger(v.logN) && Number.isInteger(v.r) && Number.isInteger(v.p) &&
    v.logN! >= SCRYPT_BOUNDS.minLogN && v.logN! <= SCRYPT_BOUNDS.maxLogN &&
    v.r! >= 1 && v.r! <= SCRYPT_BOUNDS.maxR && v.p! >= 1 && v.p! <= SCRYPT_BOUNDS.maxP
  if (!ok || scryptMemory(v as ScryptParams) > SCRYPT_BOUNDS.maxMemoryBytes) {
    const shown = JSON.stringify(value)
    throw new LcubeError('CORRUPT', {
      en: `Key slot KDF parameters are out of bounds (${shown}); refusing to run the KDF. The job header was damaged or edited`,
      zh: `密钥槽的 KDF 参数超出范围（${shown}），拒绝运行 KDF。作业头已损坏或被改动`,
    })
  }
  return { name: 'scrypt', logN: v!.logN!, r: v!.r!, p: v!.p! }
}

/** Stable text of the parameters, bound into the slot's associated data. */
export function kdfLabel(params: ScryptParams): string {
  return `scrypt:${params.logN}:${params.r}:${params.p}`
}

/** The KDF for new slots; LCUBE_SCRYPT_LOGN lowers the cost for tests and very small machines. */
export function scryptParamsForNewSlot(env: NodeJS.ProcessEnv = process.env): ScryptParams {
  const logN = env.LCUBE_SCRYPT_LOGN ? Number(env.LCUBE_SCRYPT_LOGN) : DEFAULT_SCRYPT.logN
  return checkScryptParams({ ...DEFAULT_SCRYPT, logN })
}

/** Password bytes: NFC-normalised UTF-8, so the same password typed on macOS and Windows unlocks. */
export function passwordBytes(password: string): Buffer {
  return Buffer.from(password.normalize('NFC'), 'utf8')
}

/** scrypt on the libuv pool (never blocks the event loop); the returned key is the caller's to wipe. */
export function deriveKek(password: string, salt: Uint8Array, params: ScryptParams): Promise<Buffer> {
  const checked = checkScryptParams(params)
  const secret = passwordBytes(password)
  return new Promise((resolve, reject) => {
    scrypt(secret, salt, 32, { N: 2 ** checked.logN, r: checked.r, p: checked.p, maxmem: scryptMemory(checked) + 32 * 1024 * 1024 }, (error, key) => {
      secret.fill(0)
      if (error) reject(error)
      else resolve(key)
    })
  })
}
