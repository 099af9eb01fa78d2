import { describe, expect, it } from 'vitest'
import { fsTypeFromMagic, fsTypeFromTable, parseMountTable } from './mount-table'

describe('mount table', () => {
  const table = parseMountTable(
    [
      '/dev/vda / ext4 rw 0 0',
      '//nas/cube /mnt/cube\\040share cifs rw 0 0',
      '/dev/sdb1 /media/ops/LC-MINI exfat rw 0 0',
      'garbage',
      '',
    ].join('\n'),
  )

  it('parses entries and unescapes octal spaces', () => {
    expect(table).toEqual([
      { device: '/dev/vda', mountPoint: '/', fsType: 'ext4' },
      { device: '//nas/cube', mountPoint: '/mnt/cube share', fsType: 'cifs' },
      { device: '/dev/sdb1', mountPoint: '/media/ops/LC-MINI', fsType: 'exfat' },
    ])
  })

  it('picks the longest containing mount point', () => {
    expect(fsTypeFromTable('/mnt/cube share', table)).toBe('cifs')
    expect(fsTypeFromTable('/mnt/cube share/jobs', table)).toBe('cifs')
    expect(fsTypeFromTable('/mnt/cube sharex', table)).toBe('ext4')
    expect(fsTypeFromTable('/media/ops/LC-MINI', table)).toBe('exfat')
  })

  it('names statfs magic numbers', () => {
    expect(fsTypeFromMagic(0xef53)).toBe('ext4')
    expect(fsTypeFromMagic(0x2011bab0)).toBe('exfat')
    expect(fsTypeFromMagic(0x1234)).toBe('0x1234')
  })
})
