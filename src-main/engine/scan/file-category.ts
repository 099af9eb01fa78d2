import type { FileCategory } from '../../../src-shared/scan-types'

const EXTENSIONS: Readonly<Record<Exclude<FileCategory, 'other'>, string>> = {
  documents: 'doc docx docm dot dotx pdf txt md rtf odt ods odp xls xlsx xlsm xlsb ppt pptx pps ppsx csv tsv wps wpt et ett dps dpt ofd epub pages numbers key tex vsd vsdx',
  images: 'jpg jpeg png gif bmp tif tiff webp heic heif avif svg psd ai eps raw cr2 cr3 nef arw dng orf rw2 ico jxl dcm',
  video: 'mp4 m4v mov avi mkv wmv flv f4v mpg mpeg m2ts mts ts vob webm 3gp rm rmvb ogv mxf',
  audio: 'mp3 wav flac aac ogg opus m4a wma ape aiff aif amr mid midi',
  archives: 'zip rar 7z tar gz tgz bz2 tbz2 xz txz zst zstd lz4 lzma iso img cab jar war apk dmg',
  databases: 'db sqlite sqlite3 db3 mdb accdb dbf frm ibd myd myi mdf ldf ndf bak dmp dump ora dbs parquet orc avro',
  logs: 'log out err trace audit',
  code: 'c h cc cpp cxx hpp hh cs java kt kts scala go rs rb py pyc php js mjs cjs ts tsx jsx vue swift m mm sh bash ps1 bat cmd pl lua r sql html htm css scss less json xml yaml yml toml ini conf cfg properties gradle makefile cmake proto ipynb',
}

const BY_EXTENSION = new Map<string, FileCategory>()
for (const [category, list] of Object.entries(EXTENSIONS)) for (const ext of list.split(' ')) BY_EXTENSION.set(ext, category as FileCategory)

/** Extensions longer than this are not extensions but parts of names (hashes, dates). */
const MAX_EXTENSION_LENGTH = 12

/** Lower-case extension of a file name without the dot, or '' (dot files and names without one). */
export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.')
  if (dot <= 0 || dot === name.length - 1) return ''
  const ext = name.slice(dot + 1).toLowerCase()
  return ext.length <= MAX_EXTENSION_LENGTH ? ext : ''
}

/** Rotated logs (app.log.3, syslog.2.gz stays an archive) count as logs. */
const ROTATED_LOG = /\.log\.\d+$/i

export function categoryOf(name: string): FileCategory {
  if (ROTATED_LOG.test(name)) return 'logs'
  return BY_EXTENSION.get(extensionOf(name)) ?? 'other'
}
