import { LcubeError } from './errors'

/** OSS object keys are 1–1023 UTF-8 bytes and must not start with '/' or '\'. */
export const OSS_KEY_MAX_BYTES = 1023

/**
 * The key prefix a migration writes under: no leading separator, and a trailing '/' added so that
 * "backup" and "backup/" name the same folder-like prefix.
 */
export function normalizeKeyPrefix(prefix: string | undefined): string {
  if (!prefix) return ''
  if (prefix.startsWith('/') || prefix.startsWith('\\')) {
    throw new LcubeError('BAD_INPUT', { en: `Prefix "${prefix}" starts with "${prefix[0]}": OSS keys cannot`, zh: `前缀“${prefix}”以“${prefix[0]}”开头：OSS 对象名不允许` })
  }
  const normalized = prefix.endsWith('/') ? prefix : `${prefix}/`
  if (normalized.includes('//')) throw new LcubeError('BAD_INPUT', { en: `Prefix "${prefix}" contains an empty folder name ("//")`, zh: `前缀“${prefix}”包含空目录名（“//”）` })
  if (Buffer.byteLength(normalized) >= OSS_KEY_MAX_BYTES) {
    throw new LcubeError('BAD_INPUT', { en: `Prefix "${prefix}" leaves no room for names (OSS keys are at most ${OSS_KEY_MAX_BYTES} bytes)`, zh: `前缀“${prefix}”过长，OSS 对象名最多 ${OSS_KEY_MAX_BYTES} 字节` })
  }
  return normalized
}

/** The object key of a file: prefix, then the source's folder name when several sources share a job, then the path. */
export function objectKey(prefix: string, rootPrefix: string, rel: string): string {
  return `${prefix}${rootPrefix ? `${rootPrefix}/` : ''}${rel}`
}

/** Bucket names: 3–63 characters, lower-case letters, digits and hyphens, starting and ending with a letter or digit. */
export function checkBucketName(bucket: string): string {
  if (!/^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/.test(bucket)) {
    throw new LcubeError('BAD_INPUT', { en: `"${bucket}" is not a valid OSS bucket name (3–63 lower-case letters, digits, hyphens)`, zh: `“${bucket}”不是有效的 OSS 存储空间名（3–63 个小写字母、数字或连字符）` })
  }
  return bucket
}

/** Region ids such as cn-hangzhou or oss-cn-hangzhou; the "oss-" endpoint form is accepted and dropped. */
export function checkRegion(region: string): string {
  const id = region.replace(/^oss-/, '')
  if (!/^[a-z]{2,}(-[a-z0-9]+)+$/.test(id)) {
    throw new LcubeError('BAD_INPUT', { en: `"${region}" is not a region id like cn-hangzhou`, zh: `“${region}”不是类似 cn-hangzhou 的地域 ID` })
  }
  return id
}
