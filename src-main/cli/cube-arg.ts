import { resolve } from 'node:path'
import { LcubeError } from '../engine/errors'
import { parseSize } from '../engine/size'

export function cubeDirArg(value: unknown): string {
  if (typeof value !== 'string' || !value) throw new LcubeError('USAGE', { en: 'Name the cube with --to CUBE', zh: '请用 --to 指定设备' })
  return resolve(value)
}

export function intArg(name: string, value: unknown, min: number, max: number): number | undefined {
  if (value === undefined) return undefined
  const n = Number(value)
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new LcubeError('USAGE', { en: `--${name} must be a whole number from ${min} to ${max}, got "${String(value)}"`, zh: `--${name} 必须是 ${min} 到 ${max} 的整数，收到“${String(value)}”` })
  }
  return n
}

/** A rate like 100M (bytes per second), or 100M/s. */
export function rateArg(value: unknown): number | undefined {
  if (value === undefined) return undefined
  return parseSize(String(value).replace(/\/s$/i, ''))
}

export function stringArg(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined
}
