import { accessSync, constants } from 'node:fs'
import type { LocalizedText } from '../../../src-shared/localized'
import type { ScanRule, ScanSkip, ScanViolation } from '../../../src-shared/scan-types'
import { OSS_KEY_MAX_BYTES, objectKey } from '../oss-key'
import { lengthRule } from './cube-rules'
import type { WalkItem } from './walk'

/** Rules whose entries still reach the cube (with a caveat); every other violation means "not migrated". */
const MIGRATED_ANYWAY: ReadonlySet<ScanRule> = new Set(['hard-link', 'suid-sgid-sticky'])

/** Hard-linked inodes tracked for duplicate bytes; past this many the rest are counted without names. */
const MAX_TRACKED_INODES = 2_000_000

export type RuleFindings = { violations: ScanViolation[]; skip?: ScanSkip; migrated: boolean; hardLinkExtra: number }

function violation(path: string, rule: ScanRule, text: LocalizedText): ScanViolation {
  return { path, rule, detail: text.en, detailZh: text.zh, migrated: MIGRATED_ANYWAY.has(rule) }
}

const SKIP_RULE: Readonly<Record<string, ScanRule>> = { special: 'special-file', symlink: 'symlink', name: 'invalid-utf8-name' }

/**
 * Checks one walked entry against the Lightning Cube and OSS rules (DESIGN.md §3). Stateful only for
 * hard links: the first path of an inode is the original, later ones are the duplicates.
 */
export class RuleChecker {
  private readonly inodes = new Map<string, string>()

  constructor(private readonly keyPrefix: string) {}

  check(item: WalkItem, rootPrefix: string, shownPath: string): RuleFindings {
    const found: RuleFindings = { violations: [], migrated: true, hardLinkExtra: 0 }
    if (item.kind === 'skip') {
      const rule = SKIP_RULE[item.code]
      if (rule) found.violations.push(violation(shownPath, rule, item.reason))
      else found.skip = { path: shownPath, reason: item.reason.en, reasonZh: item.reason.zh }
      found.migrated = false
      return found
    }
    const length = lengthRule(item.rel, item.kind === 'dir')
    if (length) found.violations.push(violation(shownPath, length.rule, length.text))
    if (item.kind !== 'dir' || item.empty) {
      const key = objectKey(this.keyPrefix, rootPrefix, item.kind === 'dir' ? `${item.rel}/` : item.rel)
      const bytes = Buffer.byteLength(key)
      if (bytes > OSS_KEY_MAX_BYTES) {
        found.violations.push(violation(shownPath, 'oss-key-length', { en: `OSS key would be ${bytes} bytes (limit ${OSS_KEY_MAX_BYTES})`, zh: `OSS 对象名将为 ${bytes} 字节（上限 ${OSS_KEY_MAX_BYTES}）` }))
      }
    }
    const special = item.stat.mode & 0o7000
    if (special && item.kind !== 'symlink') {
      const bits = [special & 0o4000 ? 'SUID' : '', special & 0o2000 ? 'SGID' : '', special & 0o1000 ? 'sticky' : ''].filter(Boolean).join('+')
      found.violations.push(violation(shownPath, 'suid-sgid-sticky', { en: `${bits} bit not migrated`, zh: `${bits} 权限位不会迁移` }))
    }
    if (item.kind === 'file') {
      if (item.stat.nlink > 1) this.hardLink(item.stat.dev, item.stat.ino, item.stat.size, shownPath, found)
      if (!readable(item.abs, item.stat.uid, item.stat.mode)) {
        found.skip = { path: shownPath, reason: 'file cannot be read: EACCES', reasonZh: '文件无法读取：EACCES' }
      }
    }
    found.migrated = found.skip === undefined && found.violations.every((v) => v.migrated)
    return found
  }

  private hardLink(dev: number, ino: number, size: number, path: string, found: RuleFindings): void {
    const id = `${dev}:${ino}`
    const first = this.inodes.get(id)
    if (first === undefined) {
      if (this.inodes.size < MAX_TRACKED_INODES) this.inodes.set(id, path)
      return
    }
    found.hardLinkExtra = size
    found.violations.push(violation(path, 'hard-link', { en: `hard link to ${first}: arrives as a separate file, ${size} extra bytes`, zh: `与 ${first} 为硬链接：将作为独立文件迁移，多占 ${size} 字节` }))
  }
}

const ME = process.getuid?.()

/**
 * Whether this process may read the file. Root, and an owner with the owner read bit, can (ACLs never
 * narrow the owner class): no system call, which halves the scan's cost; anyone else asks access(2).
 */
export function readable(abs: string, uid: number, mode: number): boolean {
  if (ME === 0 || (ME === uid && mode & 0o400)) return true
  try {
    accessSync(abs, constants.R_OK)
    return true
  } catch {
    return false
  }
}
