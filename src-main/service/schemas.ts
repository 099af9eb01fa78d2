import { isAbsolute, normalize } from 'node:path'
import * as v from 'valibot'
import { CUBE_MODELS, MAX_EXPANSION_CABINETS } from '../../src-shared/device-types'
import type { InvokeChannel } from '../../src-shared/contract'

/** Paths from a UI must be absolute; they are normalised before anything touches the disk. */
const AbsolutePath = v.pipe(
  v.string(),
  v.minLength(1),
  v.maxLength(4096),
  v.check((p) => !p.includes('\0'), 'path contains a NUL byte'),
  v.check((p) => isAbsolute(p), 'path must be absolute'),
  v.transform((p) => normalize(p)),
)

const NoPayload = v.optional(v.union([v.undefined(), v.null(), v.strictObject({})]))

const CopyRefSchema = v.strictObject({ cube: AbsolutePath, job: v.pipe(v.string(), v.minLength(1), v.maxLength(64)) })

export const REQUEST_SCHEMAS = {
  'app:info': NoPayload,
  'devices:list': NoPayload,
  'devices:simulate': v.strictObject({
    dir: AbsolutePath,
    model: v.picklist(CUBE_MODELS),
    capacityBytes: v.optional(v.pipe(v.number(), v.safeInteger(), v.minValue(1))),
    serial: v.optional(v.pipe(v.string(), v.regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/))),
    cabinets: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(MAX_EXPANSION_CABINETS))),
    register: v.optional(v.boolean()),
  }),
  'copy:start': v.strictObject({
    sources: v.pipe(v.array(AbsolutePath), v.minLength(1), v.maxLength(64)),
    cube: AbsolutePath,
    job: v.optional(v.pipe(v.string(), v.regex(/^[\p{L}\p{N}][\p{L}\p{N}._-]{0,63}$/u))),
    password: v.pipe(v.string(), v.minLength(1), v.maxLength(1024)),
    threads: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(256))),
    bwlimitBytesPerSecond: v.optional(v.pipe(v.number(), v.safeInteger(), v.minValue(1))),
    level: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(19))),
    transferSymlinks: v.optional(v.boolean()),
    weakPasswordOk: v.optional(v.boolean()),
  }),
  'copy:pause': CopyRefSchema,
  'copy:resume': CopyRefSchema,
  'copy:cancel': CopyRefSchema,
  'copy:list': NoPayload,
  'devices:register': v.strictObject({ path: AbsolutePath }),
  'devices:unregister': v.strictObject({ path: AbsolutePath }),
} satisfies Record<InvokeChannel, v.GenericSchema>

export type ParsedRequest<C extends InvokeChannel> = v.InferOutput<(typeof REQUEST_SCHEMAS)[C]>

/** Issue messages for the caller; anything about a password field says only that it is invalid. */
export function describeIssues(issues: ReadonlyArray<v.BaseIssue<unknown>>): string {
  return issues
    .map((issue) => {
      const path = issue.path?.map((p) => String(p.key)).join('.')
      if (path && /password/i.test(path)) return `${path}: invalid`
      return path ? `${path}: ${issue.message}` : issue.message
    })
    .join('; ')
}
