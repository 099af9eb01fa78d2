import { timingSafeEqual } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import { isIP } from 'node:net'

export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '')
  if (bare === 'localhost') return true
  if (isIP(bare) === 4) return bare.startsWith('127.')
  if (isIP(bare) === 6) return bare === '::1'
  return false
}

export function tokensEqual(expected: string, given: string | undefined): boolean {
  if (!given) return false
  const a = Buffer.from(expected)
  const b = Buffer.from(given)
  return a.length === b.length && timingSafeEqual(a, b)
}

/** The token from the x-lcube-token header, or ?token= where a header cannot be set (EventSource). */
export function requestToken(req: IncomingMessage, url: URL): string | undefined {
  const header = req.headers['x-lcube-token']
  if (typeof header === 'string') return header
  return url.searchParams.get('token') ?? undefined
}

/**
 * Host must name this server (blocks DNS rebinding); an Origin, when sent, must be this server's
 * own (blocks other sites' pages on the same machine).
 */
export function checkOrigin(req: IncomingMessage, allowedHosts: ReadonlySet<string>): 'ok' | 'bad-host' | 'bad-origin' {
  const host = req.headers.host
  if (!host || !allowedHosts.has(host.toLowerCase())) return 'bad-host'
  const origin = req.headers.origin
  if (origin !== undefined && origin.toLowerCase() !== `http://${host.toLowerCase()}`) return 'bad-origin'
  return 'ok'
}
