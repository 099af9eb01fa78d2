import { spawn } from 'node:child_process'
import { createServer, request, type Server } from 'node:http'
import { mkdtemp, rm } from 'node:fs/promises'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export type LocalS3 = { endpoint: string; put(key: string, body: Buffer | string): Promise<string>; close(): Promise<void> }

/**
 * A real S3-compatible server (s3rver, file-backed) on loopback with one bucket, in its own process.
 * Its continuation tokens use DES, which OpenSSL 3 keeps in the legacy provider: without that flag
 * every listing of more than 1,000 objects fails with a 500.
 */
export async function startS3(bucket: string): Promise<LocalS3> {
  const dir = await mkdtemp(join(tmpdir(), 'lcube-s3rver-'))
  const bin = join(import.meta.dirname, '..', '..', 'node_modules', 's3rver', 'bin', 's3rver.js')
  const child = spawn(process.execPath, ['--openssl-legacy-provider', bin, '-d', dir, '-a', '127.0.0.1', '-p', '0', '--configure-bucket', bucket], { stdio: ['ignore', 'pipe', 'pipe'] })
  let log = ''
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`s3rver did not start: ${log}`)), 30_000)
    const onData = (chunk: Buffer) => {
      log += chunk.toString()
      const m = /listening on 127\.0\.0\.1:(\d+)/.exec(log)
      if (m) {
        clearTimeout(timer)
        resolve(Number(m[1]))
      }
    }
    child.stdout.on('data', onData)
    child.stderr.on('data', onData)
    child.on('exit', (code) => reject(new Error(`s3rver exited with ${code}: ${log}`)))
  })
  child.stdout.resume()
  child.stderr.resume()
  const endpoint = `http://127.0.0.1:${port}`
  return {
    endpoint,
    async put(key, body) {
      const path = key.split('/').map(encodeURIComponent).join('/')
      const response = await fetch(`${endpoint}/${bucket}/${path}`, { method: 'PUT', body })
      if (!response.ok) throw new Error(`PUT ${key}: ${response.status}`)
      return response.headers.get('etag')!
    },
    async close() {
      child.kill()
      await rm(dir, { recursive: true, force: true })
    },
  }
}

export type OssBehaviour = Record<string, { etag?: string; crc64Decimal?: string; objectType?: string }>

/**
 * A loopback proxy in front of the S3 server that answers as OSS does for some keys: a multipart ETag
 * in listings and HEAD, x-oss-hash-crc64ecma and x-oss-object-type on HEAD and GET. s3rver knows neither.
 */
export async function startOssProxy(upstream: string, bucket: string, behaviour: OssBehaviour): Promise<{ endpoint: string; close(): Promise<void> }> {
  const target = new URL(upstream)
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const forward = request({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...req.headers, host: target.host } }, (up) => {
        const body: Buffer[] = []
        up.on('data', (c: Buffer) => body.push(c))
        up.on('end', () => {
          const url = new URL(req.url!, 'http://x')
          const key = decodeURIComponent(url.pathname.slice(bucket.length + 2))
          const headers = { ...up.headers }
          let payload = Buffer.concat(body)
          const oss = behaviour[key]
          if (oss && req.method !== 'PUT') {
            if (oss.etag) headers.etag = `"${oss.etag}"`
            if (oss.crc64Decimal) headers['x-oss-hash-crc64ecma'] = oss.crc64Decimal
            if (oss.objectType) headers['x-oss-object-type'] = oss.objectType
          }
          if (url.searchParams.get('list-type') === '2') {
            let xml = payload.toString('utf8')
            for (const [name, b] of Object.entries(behaviour)) {
              if (!b.etag) continue
              const escaped = name.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
              xml = xml.replace(new RegExp(`(<Key>${escaped}</Key>[\\s\\S]*?<ETag>)[^<]*(</ETag>)`), `$1&quot;${b.etag}&quot;$2`)
            }
            payload = Buffer.from(xml)
            headers['content-length'] = String(payload.length)
          }
          res.writeHead(up.statusCode ?? 500, headers)
          res.end(req.method === 'HEAD' ? undefined : payload)
        })
      })
      forward.on('error', (error) => {
        res.writeHead(502)
        res.end(String(error))
      })
      forward.end(Buffer.concat(chunks))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return { endpoint: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) }
}
