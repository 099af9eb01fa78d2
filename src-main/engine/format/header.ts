import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { writeFileAtomic } from '../atomic-write'
import { LcubeError } from '../errors'
import { counterNonce, open, seal } from './aead'
import { checkScryptParams, deriveKek, kdfLabel, type ScryptParams } from './kdf'
import { keyCheck, randomSecret, secretBuffer, wipe } from './keys'

export const HEADER_FILE = 'header.json'
export const HEADER_BACKUP = 'header.bak'
export const JOB_FORMAT = 'lcube-job'
export const JOB_FORMAT_VERSION = 1
const MAX_SLOTS = 8

export type JobParams = Readonly<{ cipher: 'AES-256-GCM'; compression: 'zstd'; partBytes: number; packTargetBytes: number }>

export type KeySlot = Readonly<{ id: number; kdf: ScryptParams; salt: string; wrappedKey: string }>

export type JobHeader = Readonly<{
  format: typeof JOB_FORMAT
  formatVersion: number
  jobId: string
  jobName: string
  createdAt: string
  params: JobParams
  slots: ReadonlyArray<KeySlot>
  keyCheck: string
}>

const corrupt = (en: string, zh: string) => new LcubeError('CORRUPT', { en, zh })

/** The bytes a slot's wrapped key is bound to: a slot cannot be moved to another job or parameter set. */
function slotAad(jobId: Buffer, kdf: ScryptParams, params: JobParams): Buffer {
  return Buffer.from(`lcube/v1/slot|${jobId.toString('hex')}|${kdfLabel(kdf)}|${params.cipher}|${params.compression}|${params.partBytes}|${params.packTargetBytes}`)
}

export function jobIdBytes(header: Pick<JobHeader, 'jobId'>): Buffer {
  return Buffer.from(header.jobId, 'hex')
}

export async function wrapSlot(id: number, master: Uint8Array, password: string, kdf: ScryptParams, jobId: Buffer, params: JobParams): Promise<KeySlot> {
  const salt = randomSecret(32)
  const kek = await deriveKek(password, salt, kdf)
  try {
    // nonce 0 is safe: every wrap derives a fresh key from a fresh salt
    const wrapped = seal(kek, counterNonce(0), master, slotAad(jobId, kdf, params))
    return { id, kdf, salt: salt.toString('base64'), wrappedKey: wrapped.toString('base64') }
  } finally {
    wipe(kek)
  }
}

async function unwrapSlot(slot: KeySlot, password: string, jobId: Buffer, params: JobParams): Promise<Buffer | undefined> {
  const kdf = checkScryptParams(slot.kdf)
  const kek = await deriveKek(password, Buffer.from(slot.salt, 'base64'), kdf)
  try {
    const master = open(kek, counterNonce(0), Buffer.from(slot.wrappedKey, 'base64'), slotAad(jobId, kdf, params))
    if (!master) return undefined
    const kept = secretBuffer(master)
    wipe(master)
    return kept
  } finally {
    wipe(kek)
  }
}

/** Creates the header of a new job and its master key (the caller wipes it). */
export async function createHeader(input: { jobId: Buffer; jobName: string; params: JobParams; password: string; kdf: ScryptParams; now?: Date }): Promise<{ header: JobHeader; master: Buffer }> {
  const master = randomSecret(32)
  const slot = await wrapSlot(1, master, input.password, input.kdf, input.jobId, input.params)
  const header: JobHeader = {
    format: JOB_FORMAT,
    formatVersion: JOB_FORMAT_VERSION,
    jobId: input.jobId.toString('hex'),
    jobName: input.jobName,
    createdAt: (input.now ?? new Date()).toISOString(),
    params: input.params,
    slots: [slot],
    keyCheck: keyCheck(master, input.jobId).toString('base64'),
  }
  return { header, master }
}

/**
 * Tries every slot. Wrong password: WRONG_PASSWORD after one KDF per slot, no pack touched.
 * A slot that opens but whose key fails the key check means a damaged or forged header: CORRUPT.
 */
export async function unlockHeader(header: JobHeader, password: string): Promise<Buffer> {
  return (await unlockHeaderSlot(header, password)).master
}

/** unlockHeader, also telling which slot the password opened (password change replaces that slot). */
export async function unlockHeaderSlot(header: JobHeader, password: string): Promise<{ master: Buffer; slotId: number }> {
  const jobId = jobIdBytes(header)
  for (const slot of header.slots) {
    const master = await unwrapSlot(slot, password, jobId, header.params)
    if (!master) continue
    if (!keyCheck(master, jobId).equals(Buffer.from(header.keyCheck, 'base64'))) {
      wipe(master)
      throw corrupt('The job header key check failed: the header was damaged or edited', '作业头密钥校验失败：作业头已损坏或被改动')
    }
    return { master, slotId: slot.id }
  }
  throw new LcubeError('WRONG_PASSWORD', {
    en: `Wrong password for job "${header.jobName}" (checked ${header.slots.length} key slot${header.slots.length === 1 ? '' : 's'}); no data was read`,
    zh: `作业“${header.jobName}”的密码错误（已检查 ${header.slots.length} 个密钥槽），未读取任何数据`,
  })
}

/** One line of JSON, then "sha256=" and the digest of that line: damage is told apart from a wrong password. */
export function serializeHeader(header: JobHeader): string {
  const body = JSON.stringify(header)
  return `${body}\nsha256=${createHash('sha256').update(body).digest('hex')}\n`
}

export function parseHeader(text: string): JobHeader | undefined {
  const [body, sum] = text.split('\n')
  if (!body || !sum || sum !== `sha256=${createHash('sha256').update(body).digest('hex')}`) return undefined
  try {
    return validateHeader(JSON.parse(body))
  } catch (error) {
    if (error instanceof LcubeError) throw error
    return undefined
  }
}

function validateHeader(value: unknown): JobHeader {
  const h = value as JobHeader
  if (h?.format !== JOB_FORMAT || !Number.isInteger(h.formatVersion)) throw corrupt('not a job header', '不是作业头')
  if (h.formatVersion > JOB_FORMAT_VERSION) {
    throw new LcubeError('BAD_INPUT', {
      en: `Job format version ${h.formatVersion} is newer than this tool reads (${JOB_FORMAT_VERSION}): update the assistant`,
      zh: `作业格式版本 ${h.formatVersion} 高于本工具可读版本（${JOB_FORMAT_VERSION}）：请升级迁移助手`,
    })
  }
  const p = h.params
  const sane =
    /^[0-9a-f]{32}$/.test(h.jobId) && typeof h.jobName === 'string' && typeof h.createdAt === 'string' &&
    p?.cipher === 'AES-256-GCM' && p.compression === 'zstd' &&
    Number.isInteger(p.partBytes) && p.partBytes >= 64 * 1024 && p.partBytes <= 64 * 1024 * 1024 &&
    Number.isInteger(p.packTargetBytes) && p.packTargetBytes >= 1024 * 1024 && p.packTargetBytes <= 2 ** 30 &&
    Array.isArray(h.slots) && h.slots.length >= 1 && h.slots.length <= MAX_SLOTS && typeof h.keyCheck === 'string' &&
    h.slots.every((s) => Number.isInteger(s.id) && typeof s.salt === 'string' && typeof s.wrappedKey === 'string' && typeof s.kdf === 'object')
  if (!sane) throw corrupt('job header fields are invalid', '作业头字段无效')
  return h
}

export type HeaderRead = Readonly<{ header: JobHeader; primaryDamaged: boolean }>

/** Reads header.json, falling back to header.bak; CORRUPT only when both are damaged. */
export async function readHeader(jobDir: string): Promise<HeaderRead> {
  const attempt = async (name: string) => {
    try {
      return parseHeader(await readFile(join(jobDir, name), 'utf8'))
    } catch (error) {
      if (error instanceof LcubeError) throw error
      return undefined
    }
  }
  const primary = await attempt(HEADER_FILE)
  if (primary) return { header: primary, primaryDamaged: false }
  const backup = await attempt(HEADER_BACKUP)
  if (backup) return { header: backup, primaryDamaged: true }
  throw corrupt(
    `The job header in ${jobDir} is damaged (${HEADER_FILE} and ${HEADER_BACKUP} both fail their checksum); this is not a password problem`,
    `${jobDir} 中的作业头已损坏（${HEADER_FILE} 与 ${HEADER_BACKUP} 校验均失败）；这不是密码问题`,
  )
}

/** Backup first, then the primary: at every instant at least one valid copy exists. */
export async function writeHeader(jobDir: string, header: JobHeader): Promise<void> {
  const text = serializeHeader(header)
  await writeFileAtomic(join(jobDir, HEADER_BACKUP), text)
  await writeFileAtomic(join(jobDir, HEADER_FILE), text)
}
