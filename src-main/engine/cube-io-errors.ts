import { LcubeError } from './errors'

const FULL = new Set(['ENOSPC', 'EDQUOT', 'EFBIG'])
const GONE = new Set(['ENOENT', 'EIO', 'ENODEV', 'ENXIO', 'ESTALE', 'ENOTCONN', 'EHOSTDOWN', 'ETIMEDOUT', 'EROFS', 'ENOTDIR'])

/**
 * Maps a write failure on the cube to what the user must do: a full cube and a vanished cube are both
 * clean, resumable stops (exit 5); anything else stays as it is.
 */
export function cubeWriteError(error: unknown, cubeDir: string): unknown {
  if (error instanceof LcubeError) return error
  const code = (error as NodeJS.ErrnoException).code ?? ''
  if (FULL.has(code)) {
    return new LcubeError('DEVICE_FULL', {
      en: `The cube at ${cubeDir} is full (${code}). The job stopped at a clean checkpoint: free space or use another cube, then run the same command again to resume`,
      zh: `${cubeDir} 处的设备已满（${code}）。作业已在检查点处安全停止：释放空间或换一台设备后，再次运行同一命令即可续传`,
    }, { cause: error })
  }
  if (GONE.has(code)) {
    return new LcubeError('DEVICE_MISSING', {
      en: `The cube at ${cubeDir} is gone or not writable (${code}): was it unplugged? Reconnect it and run the same command again to resume`,
      zh: `${cubeDir} 处的设备不见了或不可写（${code}）：是否被拔出？重新连接后再次运行同一命令即可续传`,
    }, { cause: error })
  }
  return error
}

/** Only "no space" codes: anywhere in a copy they can only come from writing to the cube. */
export function cubeFullError(error: unknown, cubeDir: string): unknown {
  return FULL.has((error as NodeJS.ErrnoException).code ?? '') ? cubeWriteError(error, cubeDir) : error
}

export function quotaExceeded(cubeDir: string, needed: number, free: number): LcubeError {
  return new LcubeError('DEVICE_FULL', {
    en: `The cube at ${cubeDir} has ${free} bytes left of its capacity, ${needed} needed. The job stopped at a clean checkpoint: raise the capacity or use another cube, then run the same command again to resume`,
    zh: `${cubeDir} 处的设备容量仅剩 ${free} 字节，需要 ${needed} 字节。作业已在检查点处安全停止：扩大容量或换一台设备后，再次运行同一命令即可续传`,
  })
}
