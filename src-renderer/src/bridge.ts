import { buildApi, type LcubeApi } from '../../src-shared/contract'
import { createWebTransport, takeToken } from './web-transport'

declare global {
  interface Window {
    /** Set by the Electron preload; absent in a browser, where the web bridge serves the same API. */
    lcube?: LcubeApi
  }
}

export const api: LcubeApi = window.lcube ?? buildApi(createWebTransport(takeToken()))
