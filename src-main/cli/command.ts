import type { Lang, LocalizedText } from '../../src-shared/localized'

export type OptionSpec = Readonly<{
  type: 'string' | 'boolean'
  short?: string
  multiple?: boolean
  /** Placeholder shown in help, e.g. SIZE. */
  value?: string
  help: LocalizedText
}>

export type ParsedArgs = Readonly<{
  values: Readonly<Record<string, string | boolean | ReadonlyArray<string | boolean> | undefined>>
  positionals: ReadonlyArray<string>
}>

export interface Output {
  /** A line for people on stdout. */
  line(text?: string): void
  /** One JSON value on one line on stdout. */
  json(value: unknown): void
  /** A line on stderr. */
  warn(text: string): void
  /** Raw text on stdout, resolved once written: for documents streamed in pieces. */
  write(text: string): Promise<void>
  readonly isTTY: boolean
}

export type CommandContext = Readonly<{
  args: ParsedArgs
  lang: Lang
  json: boolean
  debug: boolean
  out: Output
  env: NodeJS.ProcessEnv
  /** Aborted on SIGINT/SIGTERM; long-running commands stop cleanly and exit 130. */
  signal: AbortSignal
  t: (text: LocalizedText) => string
}>

export type Command = Readonly<{
  /** Words after `lcube`, e.g. ['device', 'simulate']. */
  path: ReadonlyArray<string>
  summary: LocalizedText
  /** Usage line after `lcube <path>`, e.g. 'DIR --model mini|ii|iii [options]'. */
  usage: string
  positionals: Readonly<{ min: number; max: number; names: string }>
  options: Readonly<Record<string, OptionSpec>>
  details?: LocalizedText
  run(context: CommandContext): Promise<number>
}>

export const GLOBAL_OPTIONS: Readonly<Record<string, OptionSpec>> = {
  help: { type: 'boolean', short: 'h', help: { en: 'show this help', zh: '显示帮助' } },
  json: { type: 'boolean', help: { en: 'machine-readable JSON output', zh: '输出机器可读的 JSON' } },
  lang: { type: 'string', value: 'zh|en', help: { en: 'language of messages (default from LANG)', zh: '消息语言（默认取自 LANG）' } },
  debug: { type: 'boolean', help: { en: 'show stack traces on errors', zh: '出错时显示堆栈' } },
}
