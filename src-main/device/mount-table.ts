import { readFile } from 'node:fs/promises'
import { sep } from 'node:path'

export type MountEntry = Readonly<{ device: string; mountPoint: string; fsType: string }>

/** Kernel pseudo file systems that can never hold a cube; skipping them keeps each poll cheap. */
const PSEUDO_FS = new Set([
  'proc', 'sysfs', 'devpts', 'devtmpfs', 'cgroup', 'cgroup2', 'mqueue', 'debugfs', 'tracefs',
  'securityfs', 'pstore', 'bpf', 'autofs', 'configfs', 'fusectl', 'hugetlbfs', 'binfmt_misc',
  'rpc_pipefs', 'nsfs', 'efivarfs', 'selinuxfs',
])

/** /proc/mounts escapes space, tab, newline and backslash as octal. */
function unescapeMountField(field: string): string {
  return field.replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(parseInt(octal, 8)))
}

export function parseMountTable(text: string): MountEntry[] {
  const entries: MountEntry[] = []
  for (const line of text.split('\n')) {
    const fields = line.trim().split(/\s+/)
    if (fields.length < 3) continue
    entries.push({
      device: unescapeMountField(fields[0]!),
      mountPoint: unescapeMountField(fields[1]!),
      fsType: fields[2]!,
    })
  }
  return entries
}

export async function readMountTable(path: string): Promise<MountEntry[]> {
  try {
    return parseMountTable(await readFile(path, 'utf8'))
  } catch {
    return []
  }
}

export function isPseudoFs(entry: MountEntry): boolean {
  return PSEUDO_FS.has(entry.fsType)
}

/** The file system type of the longest mount point that contains path. */
export function fsTypeFromTable(path: string, table: ReadonlyArray<MountEntry>): string | undefined {
  let best: MountEntry | undefined
  for (const entry of table) {
    const mp = entry.mountPoint
    const inside = path === mp || mp === '/' || path.startsWith(mp.endsWith(sep) ? mp : mp + sep)
    if (inside && (!best || mp.length > best.mountPoint.length)) best = entry
  }
  return best?.fsType
}

/** statfs f_type magic numbers, for platforms without a mount table. */
const FS_MAGIC: ReadonlyMap<number, string> = new Map([
  [0xef53, 'ext4'], [0x6969, 'nfs'], [0x517b, 'smb'], [0xfe534d42, 'smb2'], [0xff534d42, 'cifs'],
  [0x2011bab0, 'exfat'], [0x4d44, 'vfat'], [0x5346544e, 'ntfs'], [0x65735546, 'fuseblk'],
  [0x01021994, 'tmpfs'], [0x58465342, 'xfs'], [0x9123683e, 'btrfs'], [0x794c7630, 'overlay'],
  [0x2fc12fc1, 'zfs'], [0x1a, 'apfs'], [0x11, 'hfs'],
])

export function fsTypeFromMagic(magic: number): string {
  return FS_MAGIC.get(magic >>> 0) ?? `0x${(magic >>> 0).toString(16)}`
}
