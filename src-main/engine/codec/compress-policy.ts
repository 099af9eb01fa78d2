import { extname } from 'node:path'

/** Already-compressed formats: compressing them again costs CPU and saves nothing (kopia's list, abridged). */
const INCOMPRESSIBLE = new Set(
  (
    'jpg jpeg png gif webp heic heif avif jxl mp4 m4v mkv mov avi wmv flv webm mp3 m4a aac ogg opus flac wma ' +
    'zip gz tgz bz2 tbz2 xz txz 7z rar zst zstd lz4 lzma br cab jar war apk ipa dmg iso docx xlsx pptx odt ods odp epub'
  ).split(' '),
)

export function isIncompressibleName(name: string): boolean {
  return INCOMPRESSIBLE.has(extname(name).slice(1).toLowerCase())
}

/** Keep the compressed form only when it saves at least 3 %: otherwise store raw and decode for free. */
export function compressionPays(rawLength: number, compressedLength: number): boolean {
  return compressedLength < rawLength * 0.97
}
