import { createHash } from 'node:crypto'
import { createReadStream, existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { basename, dirname, join, resolve } from 'node:path'
import type { LocalizedText } from '../../../src-shared/localized'
import { LcubeError } from '../errors'
import { csvRecords, textLines } from './listing-lines'
import { keyedEntry, listedObject } from './listing-target'
import type { TargetEntry, TargetSession } from './target-entry'

type InventoryManifest = { fileFormat?: string; fileSchema?: string; files?: Array<{ key?: string; size?: number; MD5checksum?: string }>; sourceBucket?: string }

function bad(en: string, zh: string): LcubeError {
  return new LcubeError('BAD_INPUT', { en, zh })
}

/** Inventory keys are URL-encoded (a space may come as '+'; a real '+' as %2B). */
function decodeKey(encoded: string): string {
  try {
    return decodeURIComponent(encoded.replaceAll('+', ' '))
  } catch {
    throw bad(`inventory key "${encoded}" is not valid URL encoding`, `清单对象名“${encoded}”不是有效的 URL 编码`)
  }
}

/** The data file named in the manifest: its key under the manifest's folder, in data/ beside it, or beside it. */
function locate(manifestDir: string, key: string): string | undefined {
  const name = basename(key)
  const parts = key.split('/')
  const candidates = [join(manifestDir, 'data', name), join(manifestDir, name), ...parts.map((_, i) => join(manifestDir, ...parts.slice(i)))]
  return candidates.find((c) => existsSync(c))
}

async function md5Of(path: string): Promise<string> {
  const hash = createHash('md5')
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer)
  return hash.digest('hex')
}

/**
 * An OSS bucket inventory export: manifest.json naming the schema and the CSV(.gz) data files (downloaded
 * beside it, or in data/). Each data file is checked against the manifest's MD5 before it is trusted.
 */
export async function openInventoryTarget(manifestPath: string, prefix: string): Promise<TargetSession> {
  const path = resolve(manifestPath)
  let manifest: InventoryManifest
  try {
    manifest = JSON.parse(await readFile(path, 'utf8')) as InventoryManifest
  } catch (error) {
    throw bad(`Inventory manifest ${path} cannot be read: ${(error as Error).message}`, `清单 manifest ${path} 无法读取：${(error as Error).message}`)
  }
  const fields = (manifest.fileSchema ?? '').split(',').map((f) => f.trim().toLowerCase())
  const at = (name: string) => fields.indexOf(name)
  if (at('key') < 0 || at('size') < 0) throw bad(`${path}: fileSchema must list Key and Size (found "${manifest.fileSchema ?? ''}")`, `${path}：fileSchema 必须包含 Key 和 Size（实际“${manifest.fileSchema ?? ''}”）`)
  if (manifest.fileFormat && manifest.fileFormat.toUpperCase() !== 'CSV') throw bad(`${path}: only CSV inventories are supported (this one is ${manifest.fileFormat})`, `${path}：仅支持 CSV 格式的清单（此清单为 ${manifest.fileFormat}）`)
  const files = (manifest.files ?? []).map((f) => {
    const local = f.key ? locate(dirname(path), f.key) : undefined
    if (!local) throw bad(`${path}: data file ${f.key ?? '(no key)'} not found beside the manifest or in data/`, `${path}：在 manifest 旁或 data/ 中找不到数据文件 ${f.key ?? '（无 key）'}`)
    return { local, md5: f.MD5checksum?.toLowerCase() }
  })
  if (files.length === 0) throw bad(`${path}: the manifest lists no data files`, `${path}：manifest 未列出任何数据文件`)
  const notes: LocalizedText[] = []
  return {
    kind: 'inventory',
    location: path,
    prefix,
    async *entries(): AsyncGenerator<TargetEntry> {
      for (const file of files) {
        if (file.md5 && (await md5Of(file.local)) !== file.md5) throw new LcubeError('CORRUPT', { en: `Inventory data file ${file.local} does not match the manifest's MD5 (incomplete download?)`, zh: `清单数据文件 ${file.local} 与 manifest 中的 MD5 不符（下载不完整？）` })
        let row = 0
        for await (const cells of csvRecords(textLines(file.local))) {
          row += 1
          const size = Number(cells[at('size')])
          const encoded = cells[at('key')]
          if (encoded === undefined || !Number.isSafeInteger(size) || size < 0) throw bad(`${file.local} row ${row}: no key or size`, `${file.local} 第 ${row} 行：缺少对象名或大小`)
          const multipart = at('ismultipartuploaded') >= 0 ? cells[at('ismultipartuploaded')]?.toLowerCase() === 'true' : undefined
          const entry = keyedEntry(listedObject(decodeKey(encoded), size, undefined, at('etag') >= 0 ? cells[at('etag')] : undefined, undefined, multipart), prefix)
          if (entry) yield entry
        }
      }
    },
    notes: () => notes,
    close: async () => undefined,
  }
}
