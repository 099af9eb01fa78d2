import { readFile } from 'node:fs/promises'
import type { Lang } from '../../src-shared/localized'
import { LcubeError } from '../engine/errors'

export type PasswordSource = Readonly<{ file?: string; envName: string; env: NodeJS.ProcessEnv; lang: Lang; label: { en: string; zh: string }; confirm: boolean }>

/** Reads a password from a file: the whole content less one trailing line break. */
async function fromFile(path: string): Promise<string> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    throw new LcubeError('BAD_INPUT', { en: `Cannot read the password file ${path}: ${(error as NodeJS.ErrnoException).code}`, zh: `无法读取密码文件 ${path}：${(error as NodeJS.ErrnoException).code}` })
  }
  const password = text.replace(/\r?\n$/, '')
  if (!password) throw new LcubeError('BAD_INPUT', { en: `The password file ${path} is empty`, zh: `密码文件 ${path} 为空` })
  return password
}

/** Asks on the terminal without echo; the typed characters never reach the screen or any log. */
export function promptHidden(question: string): Promise<string> {
  const stdin = process.stdin
  return new Promise((resolve, reject) => {
    process.stderr.write(question)
    let value = ''
    stdin.setRawMode(true)
    stdin.resume()
    stdin.setEncoding('utf8')
    const finish = (error?: Error) => {
      stdin.setRawMode(false)
      stdin.pause()
      stdin.off('data', onData)
      process.stderr.write('\n')
      if (error) reject(error)
      else resolve(value)
    }
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') return finish()
        if (ch === '\u0003') return finish(new LcubeError('INTERRUPTED', { en: 'Interrupted', zh: '已中断' }))
        if (ch === '\u007f' || ch === '\b') value = [...value].slice(0, -1).join('')
        else if (ch >= ' ') value += ch
      }
    }
    stdin.on('data', onData)
  })
}

/** --password-file, then the environment variable, then a no-echo prompt on a terminal. */
export async function readPassword(source: PasswordSource): Promise<string> {
  if (source.file) return fromFile(source.file)
  const fromEnv = source.env[source.envName]
  if (fromEnv) return fromEnv
  if (!process.stdin.isTTY) {
    throw new LcubeError('USAGE', {
      en: `No ${source.label.en}: pass --password-file FILE, set ${source.envName}, or run in a terminal to be asked`,
      zh: `缺少${source.label.zh}：请使用 --password-file 文件、设置 ${source.envName}，或在终端中运行以便输入`,
    })
  }
  const zh = source.lang === 'zh'
  const first = await promptHidden(zh ? `请输入${source.label.zh}：` : `Enter the ${source.label.en}: `)
  if (!source.confirm) return first
  const second = await promptHidden(zh ? `请再次输入${source.label.zh}：` : `Enter the ${source.label.en} again: `)
  if (first !== second) throw new LcubeError('BAD_INPUT', { en: 'The two entries differ; nothing was changed', zh: '两次输入不一致，未做任何更改' })
  return first
}
