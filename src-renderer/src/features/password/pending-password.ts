import { useSyncExternalStore } from 'react'

/**
 * The password chosen on the Password screen waits here, in this module's memory only, until the copy
 * starts: it is never put in a store, in storage or in the URL, and it is forgotten after use, on
 * request, on unload, or after FORGET_AFTER_MS.
 */
const FORGET_AFTER_MS = 15 * 60 * 1000

let held: string | undefined
let timer: ReturnType<typeof setTimeout> | undefined
const listeners = new Set<() => void>()
const changed = () => listeners.forEach((l) => l())

export function holdPassword(password: string): void {
  held = password
  clearTimeout(timer)
  timer = setTimeout(forgetPassword, FORGET_AFTER_MS)
  changed()
}

/** Hands the password over once and forgets it. */
export function takePassword(): string | undefined {
  const value = held
  forgetPassword()
  return value
}

export function forgetPassword(): void {
  held = undefined
  clearTimeout(timer)
  changed()
}

export function usePasswordHeld(): boolean {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    () => held !== undefined,
  )
}

window.addEventListener('pagehide', forgetPassword)
