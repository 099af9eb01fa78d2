import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readHeader } from '../../src-main/engine/format/header'
import { lcube } from '../helpers/cli'
import { makeCube, passwordFile, testEnv } from '../helpers/cube'
import { tempDir } from '../helpers/temp'

describe('lcube passwd', () => {
  it('changes the password without touching data; adds and removes slots; never removes the last', async () => {
    const source = await tempDir('lcube-src-')
    await writeFile(join(source, 'a.txt'), 'alpha')
    const cube = await makeCube()
    const env = await testEnv()
    const [first, second, third] = [await passwordFile('First!Passw0rd'), await passwordFile('Second!Passw0rd'), await passwordFile('Third!Passw0rd')]
    expect((await lcube(['copy', source, '--to', cube, '--job', 'src', '--password-file', first], env)).code).toBe(0)
    const pack = join(cube, 'jobs', 'src', 'packs', 'p000001.lcp')
    const packBefore = await readFile(pack)
    const fingerprint = JSON.parse((await lcube(['status', cube, '--json'], env)).stdout)[0].keyFingerprint

    const changed = await lcube(['passwd', cube, '--password-file', first, '--new-password-file', second, '--json'], env)
    expect(changed.code).toBe(0)
    expect(JSON.parse(changed.stdout)).toEqual({ job: 'src', slots: [1], keyFingerprint: fingerprint })
    expect((await lcube(['verify', cube, '--password-file', first], env)).code).toBe(3)
    expect((await lcube(['verify', cube, '--password-file', second], env)).code).toBe(0)
    expect((await readFile(pack)).equals(packBefore)).toBe(true)

    const added = await lcube(['passwd', cube, '--password-file', second, '--new-password-file', third, '--add-slot', '--json'], env)
    expect(JSON.parse(added.stdout).slots).toEqual([1, 2])
    expect((await lcube(['verify', cube, '--password-file', second], env)).code).toBe(0)
    expect((await lcube(['verify', cube, '--password-file', third], env)).code).toBe(0)

    const removed = await lcube(['passwd', cube, '--password-file', third, '--remove-slot', '1', '--json'], env)
    expect(JSON.parse(removed.stdout).slots).toEqual([2])
    expect((await lcube(['verify', cube, '--password-file', second], env)).code).toBe(3)
    const last = await lcube(['passwd', cube, '--password-file', third, '--remove-slot', '2'], env)
    expect(last.code).toBe(2)
    expect(last.stderr).toMatch(/Refusing to remove the last key slot/)

    const weak = await lcube(['passwd', cube, '--password-file', third, '--new-password-file', await passwordFile('short')], env)
    expect(weak.code).toBe(2)
    expect(weak.stderr).toMatch(/does not meet the policy: it needs at least 10 characters, an upper-case letter, a digit, a symbol/)
    const header = await readFile(join(cube, 'jobs', 'src', 'header.json'), 'utf8')
    expect(header).not.toContain('Third!Passw0rd')
    // every slot (the job's first, the changed and the added) used the KDF cost of the environment lcube was given
    expect(env.LCUBE_SCRYPT_LOGN).toBe('10')
    expect((await readHeader(join(cube, 'jobs', 'src'))).header.slots.map((s) => s.kdf.logN)).toEqual([10])
  })

  it('a new job refuses a weak password unless --weak-password-ok, which warns', async () => {
    const source = await tempDir('lcube-src-')
    await writeFile(join(source, 'a.txt'), 'alpha')
    const cube = await makeCube()
    const env = await testEnv()
    const weak = await passwordFile('password')
    const refused = await lcube(['copy', source, '--to', cube, '--password-file', weak], env)
    expect(refused.code).toBe(2)
    expect(refused.stderr).toMatch(/Nothing was written/)
    const accepted = await lcube(['copy', source, '--to', cube, '--password-file', weak, '--weak-password-ok'], env)
    expect(accepted.code).toBe(0)
    expect(accepted.stderr).toMatch(/WARNING: weak password accepted/)
  })
})
