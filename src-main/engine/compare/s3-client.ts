import { createHash, createHmac } from 'node:crypto'
import { isIP } from 'node:net'
import { LcubeError } from '../errors'

export type S3Credentials = Readonly<{ accessKeyId: string; secretAccessKey: string; sessionToken?: string }>

export type S3Config = Readonly<{ endpoint: string; bucket: string; region: string; credentials?: S3Credentials; pathStyle?: boolean }>

export type ListedS3Object = { key: string; size: number; etag: string }

export type S3Head = { size: number; etag?: string; crc64?: string; objectType?: string }

const EMPTY_SHA256 = createHash('sha256').update('').digest('hex')

/** RFC 3986 encoding as SigV4 wants it: everything but A-Z a-z 0-9 - . _ ~ (and '/' in paths). */
function uriEncode(text: string, keepSlash: boolean): string {
  return Array.from(Buffer.from(text, 'utf8'))
    .map((b) => {
      const c = String.fromCharCode(b)
      if (/[A-Za-z0-9\-._~]/.test(c) || (keepSlash && c === '/')) return c
      return `%${b.toString(16).toUpperCase().padStart(2, '0')}`
    })
    .join('')
}

const XML_ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }

function unescapeXml(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') return String.fromCodePoint(name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10))
    return XML_ENTITIES[name] ?? whole
  })
}

function tag(xml: string, name: string): string | undefined {
  const m = new RegExp(`<${name}>([\\s\\S]*?)</${name}>`).exec(xml)
  return m ? unescapeXml(m[1]!) : undefined
}

function hmac(key: Buffer | string, data: string): Buffer {
  return createHmac('sha256', key).update(data).digest()
}

/**
 * Headers for an AWS Signature V4 request with an empty body (GET, HEAD): host, x-amz-date,
 * x-amz-content-sha256 and, with credentials, authorization. Without credentials the request is anonymous.
 */
export function signV4(method: string, url: URL, region: string, credentials: S3Credentials | undefined, at: Date): Record<string, string> {
  const now = at.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '')
  const date = now.slice(0, 8)
  const headers: Record<string, string> = { host: url.host, 'x-amz-content-sha256': EMPTY_SHA256, 'x-amz-date': now }
  if (!credentials) return headers
  if (credentials.sessionToken) headers['x-amz-security-token'] = credentials.sessionToken
  const names = Object.keys(headers).sort()
  const canonical = [method, url.pathname, url.search.replace(/^\?/, ''), ...names.map((n) => `${n}:${headers[n]!.trim()}`), '', names.join(';'), EMPTY_SHA256].join('\n')
  const scope = `${date}/${region}/s3/aws4_request`
  const toSign = ['AWS4-HMAC-SHA256', now, scope, createHash('sha256').update(canonical).digest('hex')].join('\n')
  const key = hmac(hmac(hmac(hmac(`AWS4${credentials.secretAccessKey}`, date), region), 's3'), 'aws4_request')
  headers.authorization = `AWS4-HMAC-SHA256 Credential=${credentials.accessKeyId}/${scope}, SignedHeaders=${names.join(';')}, Signature=${hmac(key, toSign).toString('hex')}`
  return headers
}

/**
 * The few S3 calls a comparison needs (ListObjectsV2, HEAD, GET), signed with AWS Signature V4, which
 * OSS's S3-compatible API and S3-compatible servers accept. Path-style for IP and localhost endpoints,
 * virtual-hosted otherwise (OSS requires it), unless pathStyle says.
 */
export class S3Client {
  private readonly base: URL
  private readonly pathStyle: boolean

  constructor(private readonly config: S3Config) {
    try {
      this.base = new URL(config.endpoint)
    } catch {
      throw new LcubeError('USAGE', { en: `--endpoint "${config.endpoint}" is not a URL like https://oss-cn-hangzhou.aliyuncs.com`, zh: `--endpoint“${config.endpoint}”不是类似 https://oss-cn-hangzhou.aliyuncs.com 的网址` })
    }
    const host = this.base.hostname
    this.pathStyle = config.pathStyle ?? (isIP(host.replace(/^\[|\]$/g, '')) !== 0 || host === 'localhost')
  }

  private url(key: string, query: Record<string, string>): URL {
    const path = this.pathStyle ? `/${this.config.bucket}/${key}` : `/${key}`
    const url = new URL(this.base.origin)
    if (!this.pathStyle) url.hostname = `${this.config.bucket}.${this.base.hostname}`
    url.pathname = uriEncode(path, true)
    url.search = Object.keys(query).sort().map((k) => `${uriEncode(k, false)}=${uriEncode(query[k]!, false)}`).join('&')
    return url
  }

  private async request(method: 'GET' | 'HEAD', key: string, query: Record<string, string> = {}): Promise<Response> {
    const url = this.url(key, query)
    const { host: _host, ...headers } = signV4(method, url, this.config.region, this.config.credentials, new Date())
    let response: Response
    try {
      response = await fetch(url, { method, headers })
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message
      throw new LcubeError('BAD_INPUT', { en: `Cannot reach ${url.origin}: ${cause}`, zh: `无法连接 ${url.origin}：${cause}` })
    }
    if (response.ok) return response
    const body = method === 'HEAD' ? '' : await response.text()
    const code = tag(body, 'Code') ?? String(response.status)
    const message = tag(body, 'Message') ?? response.statusText
    const where = `${method} ${this.config.bucket}/${key}`
    if (response.status === 403) throw new LcubeError('BAD_INPUT', { en: `${where}: access denied (${code}): check the access key in the environment (docs/REPORTS.md)`, zh: `${where}：拒绝访问（${code}）：请检查环境变量中的访问密钥（见 docs/REPORTS.md）` })
    if (response.status === 404) throw new LcubeError('NOT_FOUND', { en: `${where}: not found (${code})`, zh: `${where}：不存在（${code}）` })
    throw new LcubeError('INTERNAL', { en: `${where}: HTTP ${response.status} ${code} ${message}`, zh: `${where}：HTTP ${response.status} ${code} ${message}` })
  }

  /** Every object under the prefix, a page (up to 1,000) at a time. */
  async *list(prefix: string): AsyncGenerator<ListedS3Object[]> {
    let token: string | undefined
    do {
      const query: Record<string, string> = { 'list-type': '2', 'max-keys': '1000', prefix }
      if (token) query['continuation-token'] = token
      const xml = await (await this.request('GET', '', query)).text()
      const page: ListedS3Object[] = []
      for (const m of xml.matchAll(/<Contents>([\s\S]*?)<\/Contents>/g)) {
        const block = m[1]!
        page.push({ key: tag(block, 'Key') ?? '', size: Number(tag(block, 'Size') ?? 'NaN'), etag: tag(block, 'ETag') ?? '' })
      }
      yield page
      token = tag(xml, 'IsTruncated') === 'true' ? tag(xml, 'NextContinuationToken') : undefined
    } while (token)
  }

  async head(key: string): Promise<S3Head> {
    const response = await this.request('HEAD', key)
    const h = response.headers
    return {
      size: Number(h.get('content-length')),
      etag: h.get('etag') ?? undefined,
      crc64: h.get('x-oss-hash-crc64ecma') ?? undefined,
      objectType: h.get('x-oss-object-type') ?? undefined,
    }
  }

  /** The object's bytes as they arrive. */
  async *get(key: string): AsyncGenerator<Uint8Array> {
    const response = await this.request('GET', key)
    if (!response.body) return
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) yield chunk
  }
}
