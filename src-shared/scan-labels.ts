import type { LocalizedText } from './localized'
import type { FileCategory, ScanRule } from './scan-types'

export const RULE_LABELS: Readonly<Record<ScanRule, LocalizedText>> = {
  'special-file': { en: 'Special file (device, FIFO, socket): not migrated', zh: '特殊文件（设备、管道、套接字）：不迁移' },
  symlink: { en: 'Symbolic link: not migrated unless --transfer-symlinks', zh: '符号链接：除非指定 --transfer-symlinks，否则不迁移' },
  'hard-link': { en: 'Hard link: arrives as a separate file (extra bytes)', zh: '硬链接：作为独立文件迁移（额外占用空间）' },
  'suid-sgid-sticky': { en: 'SUID/SGID/sticky bit: not migrated', zh: 'SUID/SGID/粘滞位：不迁移' },
  'invalid-utf8-name': { en: 'Name is not valid UTF-8: not migrated', zh: '名称不是有效的 UTF-8：不迁移' },
  'dir-name-length': { en: 'Directory name over 200 bytes: not migrated', zh: '目录名超过 200 字节：不迁移' },
  'file-name-length': { en: 'File name over 255 bytes: not migrated', zh: '文件名超过 255 字节：不迁移' },
  'path-length': { en: 'Path over 1024 bytes: not migrated', zh: '路径超过 1024 字节：不迁移' },
  'oss-key-length': { en: 'OSS key over 1023 bytes: the upload will fail', zh: 'OSS 对象名超过 1023 字节：上传将失败' },
}

export const CATEGORY_LABELS: Readonly<Record<FileCategory, LocalizedText>> = {
  documents: { en: 'Documents', zh: '文档' },
  images: { en: 'Images', zh: '图片' },
  video: { en: 'Video', zh: '视频' },
  audio: { en: 'Audio', zh: '音频' },
  archives: { en: 'Archives', zh: '压缩包' },
  databases: { en: 'Databases', zh: '数据库' },
  logs: { en: 'Logs', zh: '日志' },
  code: { en: 'Code', zh: '代码' },
  other: { en: 'Other', zh: '其他' },
}
