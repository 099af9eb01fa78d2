import { isAbsolute, join, sep } from 'node:path'

/**
 * Where an entry may be written under root, or undefined when its path is hostile: absolute, with '..',
 * '.', empty components, backslashes, NUL, or text that is not valid Unicode (a lone surrogate would be
 * written as U+FFFD: another name than the one recorded). Never writes outside the target.
 */
export function safeTarget(root: string, relPath: string): string | undefined {
  if (relPath.length === 0 || relPath.length > 4096 || isAbsolute(relPath) || /^[A-Za-z]:/.test(relPath)) return undefined
  if (/[\0\\]/.test(relPath) || !isWellFormed(relPath)) return undefined
  const parts = relPath.split('/')
  if (parts.some((p) => p === '' || p === '.' || p === '..')) return undefined
  const full = join(root, ...parts)
  return full.startsWith(root.endsWith(sep) ? root : root + sep) ? full : undefined
}

/** No lone surrogates (String.prototype.isWellFormed, spelled out for runtimes without it). */
function isWellFormed(text: string): boolean {
  return !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text)
}

/** Simple globs for --only: `*` within a name, `**` across folders, `?` one character. */
export function globToRegExp(glob: string): RegExp {
  let out = ''
  for (let i = 0; i < glob.length; i += 1) {
    const ch = glob[i]!
    if (ch === '*' && glob[i + 1] === '*') {
      out += '.*'
      i += glob[i + 2] === '/' ? 2 : 1
    } else if (ch === '*') out += '[^/]*'
    else if (ch === '?') out += '[^/]'
    else out += ch.replace(/[.+^${}()|[\]\\]/g, '\\$&')
  }
  return new RegExp(`^${out}(/.*)?$`, 'u')
}
