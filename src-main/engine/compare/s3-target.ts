import type { LocalizedText } from '../../../src-shared/localized'
import { LcubeError } from '../errors'
import { S3Client, type S3Credentials } from './s3-client'
import { compareStreamWithFile } from './stream-compare'
import { keyedEntry, listedObject } from './listing-target'
import { normalizeCrc64, type FullCompareResult, type SourceEntry, type TargetEntry, type TargetSession } from './target-entry'

/** Credentials from the environment: LCUBE_S3_*, then AWS_*, then OSS_* (never from the command line). */
export function s3CredentialsFromEnv(env: NodeJS.ProcessEnv): S3Credentials | undefined {
  const pairs: Array<[string | undefined, string | undefined, string | undefined]> = [
    [env.LCUBE_S3_ACCESS_KEY_ID, env.LCUBE_S3_SECRET_ACCESS_KEY, env.LCUBE_S3_SESSION_TOKEN],
    [env.AWS_ACCESS_KEY_ID, env.AWS_SECRET_ACCESS_KEY, env.AWS_SESSION_TOKEN],
    [env.OSS_ACCESS_KEY_ID, env.OSS_ACCESS_KEY_SECRET, env.OSS_SESSION_TOKEN],
  ]
  const found = pairs.find(([id, secret]) => id && secret)
  return found ? { accessKeyId: found[0]!, secretAccessKey: found[1]!, sessionToken: found[2] || undefined } : undefined
}

/** The signing region: AWS_REGION, else the region in an OSS endpoint (oss-cn-hangzhou…), else us-east-1. */
export function s3Region(endpoint: string, env: NodeJS.ProcessEnv): string {
  if (env.LCUBE_S3_REGION) return env.LCUBE_S3_REGION
  if (env.AWS_REGION) return env.AWS_REGION
  const oss = /(?:^|\.|\/\/)oss-([a-z0-9-]+?)(?:-internal)?\.aliyuncs\.com/.exec(endpoint)
  return oss ? oss[1]! : 'us-east-1'
}

/**
 * An S3-compatible endpoint (OSS's S3 API, or any S3 server): ListObjectsV2 for keys, sizes and ETags;
 * HEAD, only for objects whose ETag is not an MD5, for OSS's x-oss-hash-crc64ecma; GET in full mode.
 */
export function openS3Target(bucket: string, prefix: string, endpoint: string | undefined, env: NodeJS.ProcessEnv): TargetSession {
  if (!endpoint) throw new LcubeError('USAGE', { en: 'An s3:// target needs --endpoint URL (e.g. https://oss-cn-hangzhou.aliyuncs.com)', zh: 's3:// 目标需要 --endpoint 网址（如 https://oss-cn-hangzhou.aliyuncs.com）' })
  const credentials = s3CredentialsFromEnv(env)
  const client = new S3Client({ endpoint, bucket, region: s3Region(endpoint, env), credentials, pathStyle: env.LCUBE_S3_PATH_STYLE === undefined ? undefined : env.LCUBE_S3_PATH_STYLE === '1' })
  const notes: LocalizedText[] = []
  if (!credentials) notes.push({ en: 'no access key in the environment: requests were anonymous', zh: '环境变量中没有访问密钥：以匿名方式请求' })
  let headed = 0
  return {
    kind: 's3',
    location: `s3://${bucket}/${prefix} @ ${endpoint}`,
    prefix,
    async *entries(): AsyncGenerator<TargetEntry> {
      for await (const page of client.list(prefix)) {
        for (const object of page) {
          const entry = keyedEntry(listedObject(object.key, object.size, undefined, object.etag, undefined, undefined), prefix)
          if (entry) yield entry
        }
      }
    },
    async enrich(entry: TargetEntry): Promise<TargetEntry> {
      if (entry.md5 || entry.crc64) return entry
      const head = await client.head(entry.ref!)
      headed += 1
      const multipart = entry.multipart || (head.objectType !== undefined && head.objectType !== 'Normal')
      return { ...entry, crc64: head.crc64 ? normalizeCrc64(head.crc64) : undefined, multipart }
    },
    async compareBytes(source: SourceEntry, target: TargetEntry): Promise<FullCompareResult> {
      return compareStreamWithFile(source.abs, client.get(target.ref!))
    },
    notes: () => (headed > 0 ? [...notes, { en: `${headed} objects asked with HEAD for their CRC-64 (ETag not an MD5)`, zh: `${headed} 个对象通过 HEAD 获取 CRC-64（ETag 不是 MD5）` }] : notes),
    close: async () => undefined,
  }
}
