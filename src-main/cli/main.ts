import { parseArgs } from 'node:util'
import { isLang, type Lang, type LocalizedText } from '../../src-shared/localized'
import { LcubeError } from '../engine/errors'
import { PRODUCT_VERSION } from '../engine/product'
import { GLOBAL_OPTIONS, type Command, type Output, type ParsedArgs } from './command'
import { COMMANDS } from './commands/index'
import { EXIT, exitCodeFor } from './exit-codes'
import { commandHelp, globalHelp } from './help'
import { langFromEnv } from './lang'

export type CliIo = Readonly<{
  stdout: NodeJS.WritableStream & { isTTY?: boolean }
  stderr: NodeJS.WritableStream
  env: NodeJS.ProcessEnv
}>

const defaultIo: CliIo = { stdout: process.stdout, stderr: process.stderr, env: process.env }

function findCommand(argv: ReadonlyArray<string>): { command: Command; rest: string[] } | undefined {
  const matches = COMMANDS.filter((c) => c.path.every((word, i) => argv[i] === word))
  const best = matches.sort((a, b) => b.path.length - a.path.length)[0]
  return best ? { command: best, rest: argv.slice(best.path.length) } : undefined
}

/** Reads --lang before full parsing so even usage errors speak the requested language. */
function earlyLang(argv: ReadonlyArray<string>, env: NodeJS.ProcessEnv): Lang {
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!
    const value = arg === '--lang' ? argv[i + 1] : arg.startsWith('--lang=') ? arg.slice(7) : undefined
    if (isLang(value)) return value
  }
  return langFromEnv(env)
}

function makeOutput(io: CliIo): Output {
  return {
    line: (text = '') => io.stdout.write(`${text}\n`),
    json: (value) => io.stdout.write(`${JSON.stringify(value)}\n`),
    warn: (text) => io.stderr.write(`${text}\n`),
    write: (text) => new Promise<void>((resolve, reject) => io.stdout.write(text, (error) => (error ? reject(error) : resolve()))),
    isTTY: io.stdout.isTTY === true,
  }
}

function usageError(en: string, zh: string): LcubeError {
  return new LcubeError('USAGE', { en, zh })
}

function parseCommandArgs(command: Command, rest: string[]): ParsedArgs {
  const options = Object.fromEntries(
    Object.entries({ ...command.options, ...GLOBAL_OPTIONS }).map(([name, spec]) => [
      name,
      { type: spec.type, ...(spec.short ? { short: spec.short } : {}), ...(spec.multiple ? { multiple: true } : {}) },
    ]),
  )
  const name = `lcube ${command.path.join(' ')}`
  let parsed
  try {
    parsed = parseArgs({ args: rest, options, allowPositionals: true, strict: true })
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0]! : String(error)
    throw usageError(`${message}. See: ${name} --help`, `${message}。参见：${name} --help`)
  }
  const { min, max, names } = command.positionals
  if (!parsed.values.help && (parsed.positionals.length < min || parsed.positionals.length > max)) {
    throw usageError(
      `${name} expects ${names || 'no arguments'}. See: ${name} --help`,
      `${name} 需要参数 ${names || '（无）'}。参见：${name} --help`,
    )
  }
  return parsed
}

/** Runs one lcube invocation and returns its exit code; never throws. */
export async function runCli(argv: ReadonlyArray<string>, io: CliIo = defaultIo, signal?: AbortSignal): Promise<number> {
  const lang = earlyLang(argv, io.env)
  const out = makeOutput(io)
  const t = (text: LocalizedText) => text[lang]
  const json = argv.includes('--json')
  const debug = argv.includes('--debug')
  try {
    if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
      out.line(globalHelp(COMMANDS, lang))
      return EXIT.OK
    }
    if (argv[0] === '--version' || argv[0] === '-v') {
      out.line(PRODUCT_VERSION)
      return EXIT.OK
    }
    const found = findCommand(argv)
    if (!found) {
      const isGroup = COMMANDS.some((c) => c.path.length > 1 && c.path[0] === argv[0])
      const word = isGroup && argv[1] !== undefined && !argv[1].startsWith('-') ? `${argv[0]} ${argv[1]}` : argv[0]!
      throw usageError(`Unknown command "${word}". See: lcube --help`, `未知命令“${word}”。参见：lcube --help`)
    }
    const { command, rest } = found
    const args = parseCommandArgs(command, rest)
    if (args.values.lang !== undefined && !isLang(args.values.lang)) {
      throw usageError('--lang must be zh or en', '--lang 必须是 zh 或 en')
    }
    if (args.values.help) {
      out.line(commandHelp(command, lang))
      return EXIT.OK
    }
    const controller = new AbortController()
    signal?.addEventListener('abort', () => controller.abort(), { once: true })
    return await command.run({ args, lang, json, debug, out, env: io.env, signal: controller.signal, t })
  } catch (error) {
    return reportError(error, { lang, json, debug, io })
  }
}

function reportError(error: unknown, ctx: { lang: Lang; json: boolean; debug: boolean; io: CliIo }): number {
  const known = error instanceof LcubeError
  const code = known ? error.code : 'INTERNAL'
  const message = known
    ? error.text[ctx.lang]
    : ctx.lang === 'zh'
      ? `内部错误：${error instanceof Error ? error.message : String(error)}（加 --debug 查看详情，并请报告此问题）`
      : `internal error: ${error instanceof Error ? error.message : String(error)} (run with --debug for details, and please report it)`
  if (ctx.json) ctx.io.stderr.write(`${JSON.stringify({ error: { code, message } })}\n`)
  else ctx.io.stderr.write(`lcube: ${message}\n`)
  if (ctx.debug && error instanceof Error && error.stack) ctx.io.stderr.write(`${error.stack}\n`)
  return exitCodeFor(code)
}
