import type { ZxcvbnFactory } from '@zxcvbn-ts/core'

/**
 * Passwords and words common among Chinese users that English dictionaries miss: pinyin names and
 * words, number puns (520 = "I love you", 1314 = "forever"), and keyboard runs popular here.
 */
export const CHINESE_COMMON_PASSWORDS = [
  'woaini', 'woaini1314', 'woaini520', '5201314', '1314520', '520520', '521521', 'aini1314', 'woaiwojia', 'wodemima', 'mima', 'mima123',
  'qq123456', 'qq5201314', 'a123456', 'aa123456', 'abc123456', 'a123456789', '123456a', '147258369', '159357', '168168', '888888', '666666',
  '1qaz2wsx', '1q2w3e4r', 'qwe123', 'zxc123', 'nihao', 'nihao123', 'zhongguo', 'zhonghua', 'beijing', 'shanghai', 'shenzhen', 'guangzhou',
  'hangzhou', 'chengdu', 'wuhan', 'nanjing', 'aliyun', 'alibaba', 'taobao', 'tmall', 'alipay', 'zhifubao', 'baidu', 'tencent', 'weixin',
  'wechat', 'xiaoming', 'xiaohong', 'xiaoli', 'laopo', 'laogong', 'baobei', 'tiantian', 'kuaile', 'xingfu', 'jiayou', 'pingan', 'fuqi',
  'zhang', 'wang', 'li', 'liu', 'chen', 'yang', 'huang', 'zhao', 'zhou', 'wu', 'xu', 'sun', 'ma', 'zhu', 'hu', 'guo', 'he', 'lin', 'luo',
  'gao', 'zheng', 'liang', 'xie', 'song', 'tang', 'han', 'feng', 'deng', 'cao', 'peng', 'zeng', 'xiao', 'tian', 'dong', 'pan', 'yuan',
  'jiang', 'cai', 'yu', 'du', 'ye', 'cheng', 'wei', 'su', 'lv', 'ding', 'ren', 'shen', 'yao', 'lu', 'jiang', 'cui', 'zhong', 'tan',
  'admin', 'admin123', 'root123', 'server', 'shujuku', 'beifen', 'qianyi', 'shandian', 'lifang', 'shandianlifang',
]

export type Strength = Readonly<{ score: 0 | 1 | 2 | 3 | 4; guessesLog10: number; matchedCommon: boolean }>

let factory: Promise<ZxcvbnFactory> | undefined

/** zxcvbn and its dictionaries load on first use (they are the largest part of the UI). */
function load(): Promise<ZxcvbnFactory> {
  factory ??= Promise.all([import('@zxcvbn-ts/core'), import('@zxcvbn-ts/language-common')]).then(
    ([core, common]) =>
      new core.ZxcvbnFactory({
        graphs: common.adjacencyGraphs,
        dictionary: { ...common.dictionary, chineseCommon: CHINESE_COMMON_PASSWORDS },
        useLevenshteinDistance: true,
      }),
  )
  return factory
}

export async function passwordStrength(password: string, userInputs: ReadonlyArray<string> = []): Promise<Strength> {
  const zxcvbn = await load()
  const result = zxcvbn.check(password, [...userInputs])
  const matchedCommon = result.sequence.some((m) => m.pattern === 'dictionary' && 'dictionaryName' in m && m.dictionaryName === 'chineseCommon')
  return { score: result.score, guessesLog10: result.guessesLog10, matchedCommon }
}
