import type { EventChannel, EventContract, Unsubscribe } from '../../src-shared/contract'
import type { Result } from '../../src-shared/errors'

/** What a transport (Electron IPC, the web bridge) needs of the service: the service itself or its worker-thread client. */
export interface ServicePort {
  invoke(channel: unknown, request: unknown): Promise<Result<unknown>>
  subscribe<C extends EventChannel>(channel: C, listener: (payload: EventContract[C]) => void): Unsubscribe
  stop(): Promise<void>
}
