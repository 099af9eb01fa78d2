import { CUBE_MODELS, MODEL_DEFAULT_CAPACITY, type CubeModel } from '../../../src-shared/device-types'
import type { CountBytes, CubeCount, ScanPlan } from '../../../src-shared/scan-types'
import type { ProbeResult } from './sample-probe'

/** Share of a cube's published capacity a plan fills: room for the file system, indexes and spare. */
export const USABLE_SHARE = 0.9
/** Per-file bytes on the cube beyond the data: record header, GCM tag, index and manifest entry (docs/FORMAT.md §2). */
export const PER_FILE_OVERHEAD_BYTES = 320
/** Small files a core takes through the pipeline per second (measured: 20,000 files of 3.4 KB on 2 cores, ~5,000/s). */
export const FILES_PER_SECOND_PER_CORE = 2500
/** The cube's network link at 10 GbE, the slowest published option (10–25 GbE). */
export const CUBE_LINK_BYTES_PER_SECOND = 1.1e9
/** Expansion-cabinet capacity is not published; assumed equal to a III until the provider confirms it. */
export const DEFAULT_CABINET_BYTES = MODEL_DEFAULT_CAPACITY.iii

export type PlanInput = {
  region: string | null
  bucket: string | null
  prefix: string
  mapping: ScanPlan['mapping']
  migrate: CountBytes
  notMigrated: CountBytes
  dirs: number
  probe: ProbeResult
  cores: number
  cabinetBytes: number
}

function cubeCounts(bytes: number, cabinetBytes: number): CubeCount[] {
  const counts: CubeCount[] = CUBE_MODELS.map((model) => {
    const capacityBytes = MODEL_DEFAULT_CAPACITY[model]
    const usableBytes = Math.floor(capacityBytes * USABLE_SHARE)
    return { model, capacityBytes, usableBytes, devices: Math.max(1, Math.ceil(bytes / usableBytes)), expansionCabinets: 0 }
  })
  const iii = counts.find((c) => c.model === 'iii')!
  if (iii.devices > 1) {
    const cabinets = Math.ceil((bytes - iii.usableBytes) / Math.floor(cabinetBytes * USABLE_SHARE))
    counts.push({ ...iii, devices: 1, expansionCabinets: cabinets })
  }
  return counts
}

function recommend(counts: ReadonlyArray<CubeCount>): ScanPlan['recommended'] {
  const single = counts.find((c) => c.devices === 1 && c.expansionCabinets === 0)
  const pick = single ?? counts.find((c) => c.model === 'iii')!
  return { model: pick.model as CubeModel, devices: pick.devices, expansionCabinets: pick.expansionCabinets }
}

/** Destination plan, cube count per model and copy-time estimate from the scan totals and the sample probe. */
export function buildPlan(input: PlanInput): ScanPlan {
  const { probe, migrate } = input
  const estimatedCubeBytes = Math.round(migrate.bytes * probe.ratio + (migrate.files + input.dirs) * PER_FILE_OVERHEAD_BYTES)
  const readRate = probe.readSeconds > 0 && probe.readBytes > 0 ? probe.readBytes / probe.readSeconds : null
  const pipelineRate = probe.pipelineBytesPerSecondPerCore === null ? null : probe.pipelineBytesPerSecondPerCore * input.cores
  const throughput = Math.min(readRate ?? Infinity, pipelineRate ?? Infinity, CUBE_LINK_BYTES_PER_SECOND)
  const estimatedCopySeconds = Math.round(migrate.bytes / throughput + migrate.files / (FILES_PER_SECOND_PER_CORE * input.cores))
  const cubes = cubeCounts(estimatedCubeBytes, input.cabinetBytes)
  return {
    region: input.region,
    bucket: input.bucket,
    prefix: input.prefix,
    mapping: input.mapping,
    migrate,
    notMigrated: input.notMigrated,
    compression: { sampledFiles: probe.sampledFiles, sampledBytes: probe.sampledBytes, ratio: Math.round(probe.ratio * 1000) / 1000 },
    estimatedCubeBytes,
    cubes,
    recommended: recommend(cubes),
    readProbe: { bytes: probe.readBytes, seconds: Math.round(probe.readSeconds * 1000) / 1000, bytesPerSecond: readRate === null ? null : Math.round(readRate) },
    estimatedCopySeconds,
    assumptions: [
      { en: `usable capacity = ${USABLE_SHARE * 100} % of the published capacity (Mini 36 TB, II 100 TB, III 480 TB)`, zh: `可用容量按公开容量的 ${USABLE_SHARE * 100}% 计（Mini 36 TB、II 100 TB、III 480 TB）` },
      { en: `expansion cabinet = ${input.cabinetBytes / 1e12} TB (not published; confirm with the provider)`, zh: `扩展柜容量按 ${input.cabinetBytes / 1e12} TB 计（未公开，请向服务商确认）` },
      { en: 'compression ratio from the first MiB of size-weighted sample files, with zstd as copy stores them', zh: '压缩率取自按大小加权抽样文件的前 1 MiB，按拷贝时的 zstd 方式计算' },
      { en: 'read speed from the sample files; a warm page cache makes it optimistic: scan a cold source for a fair figure', zh: '读取速度取自抽样文件；页缓存命中会使结果偏高，请在冷数据上扫描以获得可靠数值' },
      { en: `copy time = bytes / min(read speed, ${input.cores} cores × measured pipeline speed, 10 GbE link) + files / (${FILES_PER_SECOND_PER_CORE} files/s per core)`, zh: `拷贝时间 = 字节数 / min(读取速度, ${input.cores} 核 × 实测流水线速度, 10 GbE 链路) + 文件数 / (每核每秒 ${FILES_PER_SECOND_PER_CORE} 个文件)` },
    ],
  }
}
