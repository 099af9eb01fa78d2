import type { ApiTransport, EventChannel } from '../../src-shared/contract'
import { fail, type Result } from '../../src-shared/errors'

const TOKEN_KEY = 'lcube.token'

/**
 * The token arrives once in the URL (?token=…). It is moved to sessionStorage and removed from the
 * address bar so it does not linger in history or screenshots.
 */
export function takeToken(): string {
  const url = new URL(window.location.href)
  const fromUrl = url.searchParams.get('token')
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl)
    url.searchParams.delete('token')
    window.history.replaceState(null, '', url.pathname + url.search + url.hash)
    return fromUrl
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? ''
}

const LOST: Result<never> = fail({
  code: 'INTERNAL',
  message: { en: 'Lost the connection to the assistant service; is `lcube ui` still running?', zh: '与迁移助手服务的连接已断开；`lcube ui` 是否仍在运行？' },
})

/** HTTP for calls and one shared EventSource for events, against the loopback web bridge. */
export function createWebTransport(token: string): ApiTransport {
  let source: EventSource | undefined
  const listeners = new Map<EventChannel, Set<(payload: unknown) => void>>()
  const ensureSource = (channel: EventChannel) => {
    source ??= new EventSource(`/api/events?token=${encodeURIComponent(token)}`)
    if (!listeners.has(channel)) {
      const set = new Set<(payload: unknown) => void>()
      listeners.set(channel, set)
      source.addEventListener(channel, (event) => {
        const payload: unknown = JSON.parse((event as MessageEvent<string>).data)
        for (const listener of set) listener(payload)
      })
    }
    return listeners.get(channel)!
  }
  return {
    async invoke(channel, request) {
      try {
        const response = await fetch(`/api/invoke/${channel}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-lcube-token': token },
          body: JSON.stringify(request ?? null),
        })
        return (await response.json()) as Result<unknown>
      } catch {
        return LOST
      }
    },
    subscribe(channel, listener) {
      const set = ensureSource(channel)
      set.add(listener)
      return () => set.delete(listener)
    },
  }
}
