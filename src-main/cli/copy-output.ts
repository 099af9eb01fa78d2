import type { Lang } from '../../src-shared/localized'
import { formatDuration } from '../../src-shared/duration'
import { formatBytes } from '../../src-shared/size'
import type { CopyProgress, CopySummary } from '../engine/copy/progress'

export function rate(bytes: number, ms: number): number {
  return ms > 0 ? bytes / (ms / 1000) : 0
}

/** One live line: percent, bytes, files, MB/s, ETA. */
export function progressLine(p: CopyProgress, lang: Lang): string {
  const toDo = Math.max(0, p.bytesTotal - p.alreadyDoneBytes)
  const pct = toDo > 0 ? Math.min(100, (p.bytesRead / toDo) * 100) : 100
  const speed = rate(p.bytesRead, p.elapsedMs)
  const eta = speed > 0 ? formatDuration(((toDo - p.bytesRead) / speed) * 1000) : '—'
  const files = p.filesProcessed + p.alreadyDone
  if (p.phase === 'counting') return lang === 'zh' ? '正在统计源文件…' : 'Counting source files…'
  return lang === 'zh'
    ? `${pct.toFixed(1)}%  ${formatBytes(p.bytesRead)} / ${formatBytes(toDo)}  文件 ${files}/${p.filesTotal}  ${formatBytes(speed)}/s  剩余 ${eta}`
    : `${pct.toFixed(1)}%  ${formatBytes(p.bytesRead)} / ${formatBytes(toDo)}  files ${files}/${p.filesTotal}  ${formatBytes(speed)}/s  ETA ${eta}`
}

export function summaryLines(s: CopySummary, lang: Lang): string[] {
  const zh = lang === 'zh'
  const mbps = formatBytes(rate(s.bytesIn, s.durationMs))
  const lines = [
    zh
      ? `作业 ${s.jobName}：${s.status === 'complete' ? '已完成' : '已中断（再次运行同一命令即可续传）'}`
      : `Job ${s.jobName}: ${s.status === 'complete' ? 'complete' : 'interrupted (run the same command again to resume)'}`,
    zh
      ? `  本次拷贝 ${s.files} 个文件、${s.dirs} 个目录；读取 ${formatBytes(s.bytesIn)}，写入设备 ${formatBytes(s.bytesOnCube)}；用时 ${formatDuration(s.durationMs)}，${mbps}/s`
      : `  copied ${s.files} files, ${s.dirs} folders; read ${formatBytes(s.bytesIn)}, wrote ${formatBytes(s.bytesOnCube)} to the cube; ${formatDuration(s.durationMs)}, ${mbps}/s`,
  ]
  if (s.alreadyDone > 0) lines.push(zh ? `  已在设备上（未变化，跳过）：${s.alreadyDone} 个文件` : `  already on the cube (unchanged, skipped): ${s.alreadyDone} files`)
  const reasons = Object.entries(s.skippedByReason)
  if (reasons.length > 0) lines.push(`  ${zh ? '未拷贝' : 'not copied'}: ${reasons.map(([code, n]) => `${code} ${n}`).join(', ')}`)
  for (const item of s.problems.slice(0, 20)) lines.push(`    [${item.code}] ${item.path}: ${item.reason[lang]}`)
  if (s.problems.length > 20) lines.push(zh ? `    ……另有 ${s.problems.length - 20} 项（--json 查看全部前 1000 项）` : `    … and ${s.problems.length - 20} more (--json lists the first 1,000)`)
  for (const note of s.notes) lines.push(`  ${note[lang]}`)
  lines.push(zh ? `  密钥指纹：${s.keyFingerprint}（写入交接单；密码请另行妥善保管）` : `  key fingerprint: ${s.keyFingerprint} (for the hand-over sheet; keep the password itself safe)`)
  return lines
}
