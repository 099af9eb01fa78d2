import { isAbsolute, normalize } from 'node:path'
import * as v from 'valibot'
import { CUBE_MODELS, MAX_EXPANSION_CABINETS } from '../../src-shared/device-types'
import { COMPARE_CATEGORIES, COMPARE_MODES } from '../../src-shared/compare-types'
import type { InvokeChannel } from '../../src-shared/contract'
import { EXPORT_FORMATS, MAX_PAGE_ROWS } from '../../src-shared/task-types'

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

const JobName = v.pipe(v.string(), v.minLength(1), v.maxLength(64))
const CopyRefSchema = v.strictObject({ cube: AbsolutePath, job: JobName })
const Password = v.pipe(v.string(), v.minLength(1), v.maxLength(1024))
const Sources = v.pipe(v.array(AbsolutePath), v.minLength(1), v.maxLength(64))
const ShortText = v.pipe(v.string(), v.maxLength(1024))
const TaskId = v.pipe(v.string(), v.uuid())

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
    sources: Sources,
    cube: AbsolutePath,
    job: v.optional(v.pipe(v.string(), v.regex(/^[\p{L}\p{N}][\p{L}\p{N}._-]{0,63}$/u))),
    password: Password,
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
  'copy:throttle': v.strictObject({ cube: AbsolutePath, job: JobName, bytesPerSecond: v.nullable(v.pipe(v.number(), v.safeInteger(), v.minValue(1))) }),
  'app:pickFolder': NoPayload,
  'fs:listFolder': v.strictObject({ path: v.optional(AbsolutePath) }),
  'scan:start': v.strictObject({
    sources: Sources,
    prefix: v.optional(ShortText),
    bucket: v.optional(v.pipe(v.string(), v.maxLength(63))),
    region: v.optional(v.pipe(v.string(), v.maxLength(64))),
    transferSymlinks: v.optional(v.boolean()),
    probeSeconds: v.optional(v.pipe(v.number(), v.minValue(0), v.maxValue(60))),
  }),
  'verify:start': v.strictObject({
    cube: AbsolutePath,
    job: JobName,
    password: Password,
    sources: v.optional(Sources),
    samplePercent: v.optional(v.pipe(v.number(), v.minValue(0.01), v.maxValue(100))),
  }),
  'compare:start': v.strictObject({
    sources: Sources,
    against: v.pipe(v.string(), v.minLength(1), v.maxLength(4096), v.check((p) => !p.includes('\0'), 'target contains a NUL byte')),
    mode: v.optional(v.picklist(COMPARE_MODES)),
    prefix: v.optional(ShortText),
    endpoint: v.optional(v.pipe(v.string(), v.url())),
    job: v.optional(JobName),
    password: v.optional(Password),
  }),
  'tasks:cancel': v.strictObject({ id: TaskId }),
  'tasks:rows': v.strictObject({
    id: TaskId,
    list: v.picklist(['violations', 'skipped', 'issues', ...COMPARE_CATEGORIES]),
    offset: v.pipe(v.number(), v.safeInteger(), v.minValue(0)),
    limit: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(MAX_PAGE_ROWS)),
  }),
  'tasks:export': v.strictObject({ id: TaskId, format: v.picklist(EXPORT_FORMATS) }),
  'jobs:list': v.strictObject({ path: AbsolutePath }),
  'jobs:handover': CopyRefSchema,
  'jobs:changePassword': v.strictObject({ cube: AbsolutePath, job: JobName, password: Password, newPassword: Password, weakPasswordOk: v.optional(v.boolean()) }),
  'history:list': NoPayload,
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
