import type { Lang } from '../../src-shared/localized'
import { PRODUCT_NAME, PRODUCT_NAME_ZH, PRODUCT_VERSION } from '../engine/product'
import { GLOBAL_OPTIONS, type Command, type OptionSpec } from './command'

function optionLines(options: Readonly<Record<string, OptionSpec>>, lang: Lang): string[] {
  const rows = Object.entries(options).map(([name, spec]) => {
    const flag = `${spec.short ? `-${spec.short}, ` : '    '}--${name}${spec.type === 'string' ? ` ${spec.value ?? 'VALUE'}` : ''}`
    return [flag, spec.help[lang]] as const
  })
  const width = Math.max(...rows.map(([flag]) => flag.length))
  return rows.map(([flag, help]) => `  ${flag.padEnd(width)}  ${help}`)
}

export function commandHelp(command: Command, lang: Lang): string {
  const title = lang === 'zh' ? '用法' : 'Usage'
  const lines = [`${title}: lcube ${command.path.join(' ')} ${command.usage}`.trimEnd(), '', command.summary[lang]]
  if (command.details) lines.push('', command.details[lang])
  lines.push('', lang === 'zh' ? '选项：' : 'Options:', ...optionLines({ ...command.options, ...GLOBAL_OPTIONS }, lang))
  return lines.join('\n')
}

export function globalHelp(commands: ReadonlyArray<Command>, lang: Lang): string {
  const names = commands.map((c) => c.path.join(' '))
  const width = Math.max(...names.map((n) => n.length))
  const head =
    lang === 'zh'
      ? [`${PRODUCT_NAME_ZH} ${PRODUCT_VERSION}`, '', '用法: lcube <命令> [选项]', '', '命令：']
      : [`${PRODUCT_NAME} ${PRODUCT_VERSION}`, '', 'Usage: lcube <command> [options]', '', 'Commands:']
  const rows = commands.map((c, i) => `  ${names[i]!.padEnd(width)}  ${c.summary[lang]}`)
  const tail =
    lang === 'zh'
      ? ['', '每个命令都支持 --help、--json、--lang zh|en、--debug。', '退出码：0 成功，1 存在差异，2 用法或输入错误，3 密码错误，4 检测到损坏，5 设备缺失/已满/被拔出（可续传），10 内部错误，130 已在检查点后中断。']
      : ['', 'Every command takes --help, --json, --lang zh|en and --debug.', 'Exit codes: 0 ok, 1 differences, 2 usage or bad input, 3 wrong password, 4 corruption, 5 device missing/full/unplugged (resumable), 10 internal error, 130 interrupted after a clean checkpoint.']
  return [...head, ...rows, ...tail].join('\n')
}
