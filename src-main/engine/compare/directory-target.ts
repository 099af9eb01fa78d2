import { stat } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import type { LocalizedText } from '../../../src-shared/localized'
import { LcubeError } from '../errors'
import { IDENTITY_FILE } from '../../device/identity'
import { walkSource } from '../scan/walk'
import type { HashPool } from './hash-pool'
import type { FullCompareResult, SourceEntry, TargetEntry, TargetSession } from './target-entry'

/** A directory: a restore, or a bucket mounted with ossfs. The prefix, if any, is a folder inside it. */
export async function openDirectoryTarget(dir: string, prefix: string, pool: HashPool): Promise<TargetSession> {
  const root = resolve(dir, prefix)
  const info = await stat(root).catch((error: NodeJS.ErrnoException) => {
    throw new LcubeError('BAD_INPUT', { en: `Target ${root} cannot be read: ${error.code}`, zh: `目标 ${root} 无法读取：${error.code}` })
  })
  if (!info.isDirectory()) throw new LcubeError('BAD_INPUT', { en: `Target ${root} is not a directory`, zh: `目标 ${root} 不是目录` })
  if (await stat(join(resolve(dir), IDENTITY_FILE)).then(() => true, () => false)) {
    throw new LcubeError('USAGE', { en: `${dir} is a Lightning Cube: compare with its job through --against cube:${dir}`, zh: `${dir} 是闪电立方设备：请用 --against cube:${dir} 与其作业比对` })
  }
  const problems: LocalizedText[] = []
  return {
    kind: 'directory',
    location: root,
    prefix,
    async *entries(): AsyncGenerator<TargetEntry> {
      for await (const item of walkSource(root, { transferSymlinks: false, checkLengths: false })) {
        if (item.kind === 'file') yield { key: item.rel, size: item.stat.size, ref: item.abs }
        else if (item.kind === 'skip' && item.code === 'unreadable') problems.push({ en: `target ${item.rel || '.'}: ${item.reason.en}`, zh: `目标 ${item.rel || '.'}：${item.reason.zh}` })
      }
    },
    async compareBytes(source: SourceEntry, target: TargetEntry): Promise<FullCompareResult> {
      const result = await pool.same(source.abs, target.ref!)
      if (!result.ok) {
        const where = result.side === 'a' ? { en: 'source', zh: '源文件' } : { en: 'target', zh: '目标文件' }
        return { error: { en: `${where.en} cannot be read: ${result.code}`, zh: `${where.zh}无法读取：${result.code}` } }
      }
      return 'same' in result ? { same: result.same, firstDifference: result.firstDifference } : { error: { en: 'unexpected worker reply', zh: '工作线程回复异常' } }
    },
    notes: () => problems.slice(0, 100),
    close: async () => undefined,
  }
}
