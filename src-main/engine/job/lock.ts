import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { open, readFile, rm, stat, utimes } from 'node:fs/promises'
import { hostname } from 'node:os'
import { join } from 'node:path'
import { LcubeError } from '../errors'

export const LOCK_FILE = 'lock.json'
/** A lock from another host that has not been refreshed for this long is taken to be abandoned. */
export const FOREIGN_STALE_MS = 15 * 60 * 1000
/** The holder touches its lock this often, also while paused or stalled, so it never looks abandoned. */
const REFRESH_MS = 60 * 1000

type LockInfo = { pid: number; host: string; startedAt: string; token: string }

/** Whether a process on this host is running; a zombie (killed, not yet reaped) is not. */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z'
  } catch {
    return true
  }
}

export type JobLock = Readonly<{ release(): Promise<void> }>

/**
 * One writer per job: lock.json created with O_EXCL, naming pid and host. A lock left by a dead process
 * on this host (or untouched for 15 min from another host) is taken over; a live one is refused. The
 * holder touches the file every minute for as long as it holds it.
 */
export async function acquireJobLock(jobDir: string, jobName: string, options: { refreshMs?: number } = {}): Promise<JobLock> {
  const path = join(jobDir, LOCK_FILE)
  const mine: LockInfo = { pid: process.pid, host: hostname(), startedAt: new Date().toISOString(), token: randomBytes(8).toString('hex') }
  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      const handle = await open(path, 'wx')
      await handle.writeFile(JSON.stringify(mine))
      await handle.sync()
      await handle.close()
      const heartbeat = setInterval(() => {
        const now = new Date()
        void utimes(path, now, now).catch(() => undefined)
      }, options.refreshMs ?? REFRESH_MS)
      heartbeat.unref()
      return {
        release: async () => {
          clearInterval(heartbeat)
          const current = await readLock(path)
          if (current?.token === mine.token) await rm(path, { force: true })
        },
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    }
    const holder = await readLock(path)
    const age = Date.now() - ((await stat(path).catch(() => undefined))?.mtimeMs ?? 0)
    const stale = !holder || (holder.host === mine.host ? !processAlive(holder.pid) : age > FOREIGN_STALE_MS)
    if (!stale) {
      throw new LcubeError('LOCKED', {
        en: `Job "${jobName}" is being written by process ${holder.pid} on ${holder.host} (since ${holder.startedAt}). Wait for it to finish or stop it; another job name can copy into the same cube at the same time`,
        zh: `作业“${jobName}”正由 ${holder.host} 上的进程 ${holder.pid} 写入（自 ${holder.startedAt} 起）。请等待其结束或停止它；换一个作业名可同时拷贝到同一台设备`,
      })
    }
    // stale: remove only the lock we read, then race for it again with O_EXCL
    if ((await readLock(path))?.token === holder?.token) await rm(path, { force: true })
  }
  throw new LcubeError('LOCKED', { en: `Could not take the lock of job "${jobName}"`, zh: `无法获取作业“${jobName}”的锁` })
}

async function readLock(path: string): Promise<LockInfo | undefined> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as LockInfo
  } catch {
    return undefined
  }
}
