// `npm run bench [-- --quick] [-- --only mixed,small,large] [-- --no-peers]`: ours against the peers on
// the same seeded data, disk and run. Prints a table and writes JSON to bench-results/.
import { availableParallelism, cpus, tmpdir, totalmem } from 'node:os'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { largeDataset, mixedDataset, smallDataset, type Dataset } from './datasets'
import { canDropCaches, diskBytes, dropCaches, measure } from './measure'
import { microBenchmarks, type Micro } from './micro'
import { BENCH_PASSWORD, oursRuns, peerRuns, type Run } from './runners'

type Row = { dataset: string; tool: string; step: string; seconds: number | null; mbPerSecond: number | null; filesPerSecond: number | null; peakRssMiB: number | null; outputMiB: number | null; ratio: number | null; note?: string }

const { values } = parseArgs({ options: { quick: { type: 'boolean' }, only: { type: 'string' }, 'no-peers': { type: 'boolean' }, keep: { type: 'boolean' } } })
const scale = values.quick ? 0.1 : 1
const only = new Set((values.only ?? 'mixed,small,large').split(','))
const root = await mkdtemp(join(process.env.LCUBE_BENCH_DIR ?? tmpdir(), 'lcube-bench-'))
const work = join(root, 'out')
await mkdir(work)
const passwordFile = join(root, 'password.txt')
await writeFile(passwordFile, `${BENCH_PASSWORD}\n`, { mode: 0o600 })
const drop = canDropCaches()
const rows: Row[] = []
let micro: Micro[] = []
const MB = 1e6
const log = (text: string) => process.stderr.write(`${text}\n`)

async function runOne(data: Dataset, run: Run): Promise<Row> {
  const base = { dataset: data.name, tool: run.tool, step: run.step }
  if (run.skipped) return { ...base, seconds: null, mbPerSecond: null, filesPerSecond: null, peakRssMiB: null, outputMiB: null, ratio: null, note: `skipped: ${run.skipped}` }
  await run.setup?.()
  dropCaches(drop)
  log(`  ${data.name} · ${run.tool} ${run.step} …`)
  const m = await measure(run.command, run.env)
  if (!m.ok) log(`    failed: ${m.error}`)
  return {
    ...base,
    seconds: Math.round(m.seconds * 100) / 100,
    mbPerSecond: Math.round((data.bytes / MB / m.seconds) * 10) / 10,
    filesPerSecond: Math.round(data.files / m.seconds),
    peakRssMiB: m.peakRssMiB,
    outputMiB: run.output ? Math.round(diskBytes(run.output) / 1024 / 1024) : null,
    ratio: null,
    note: m.ok ? undefined : `failed: ${m.error?.slice(0, 200)}`,
  }
}

try {
  log(`Generating datasets in ${root} (${values.quick ? 'quick: about 1/10 size' : 'full size'}) …`)
  const datasets: Dataset[] = []
  if (only.has('mixed')) datasets.push(await mixedDataset(root, scale))
  if (only.has('small')) datasets.push(await smallDataset(root, scale))
  if (only.has('large')) datasets.push(await largeDataset(root, scale))
  for (const data of datasets) {
    log(`${data.label}: ${(data.bytes / MB).toFixed(0)} MB`)
    const runs = [...(await oursRuns(data, work, passwordFile)), ...(await oursRuns(data, work, passwordFile, undefined, 0)), ...(values['no-peers'] ? [] : await peerRuns(data, work))]
    for (const run of runs) rows.push(await runOne(data, run))
    // thread scaling on the mixed set: 1, 2, all cores
    if (data.name === 'mixed') for (const threads of [...new Set([1, 2, availableParallelism()])]) for (const run of await oursRuns(data, work, passwordFile, threads)) rows.push(await runOne(data, run))
    await rm(work, { recursive: true, force: true })
    await mkdir(work)
  }
  log('Stage micro-benchmarks …')
  const small = datasets.find((d) => d.name === 'small') ?? datasets[0]
  if (small) micro = await microBenchmarks(small.dir, work)
} finally {
  if (!values.keep) await rm(root, { recursive: true, force: true })
}

// ratio: our copy (or restore) throughput over the peer's, per dataset; above 1 means we are faster
for (const row of rows) {
  if (row.mbPerSecond === null || row.tool.startsWith('lcube')) continue
  const ours = rows.find((r) => r.dataset === row.dataset && r.tool === 'lcube' && r.step === row.step)
  if (ours?.mbPerSecond) row.ratio = Math.round((ours.mbPerSecond / row.mbPerSecond) * 100) / 100
}

const machine = { cpus: availableParallelism(), cpuModel: cpus()[0]?.model ?? 'unknown', memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version, platform: `${process.platform} ${process.arch}` }
const header = ['dataset', 'tool', 'step', 's', 'MB/s', 'files/s', 'peak RSS MiB', 'output MiB', 'ours÷peer']
const table = [header, ...rows.map((r) => [r.dataset, r.tool, r.step, r.seconds ?? '—', r.mbPerSecond ?? '—', r.filesPerSecond ?? '—', r.peakRssMiB ?? '—', r.outputMiB ?? '—', r.ratio ?? (r.note ?? '')].map(String))]
const widths = header.map((_, i) => Math.max(...table.map((row) => row[i]!.length)))
console.log(`\nLightning Cube Migration Assistant benchmark · ${new Date().toISOString()} · ${values.quick ? 'quick' : 'full'} · caches ${drop ? 'dropped before each run' : 'warm (not root: could not drop caches)'}`)
console.log(`${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGiB} GiB, Node ${machine.node}\n`)
for (const row of table) console.log(row.map((cell, i) => (i >= 3 ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!))).join('  '))
console.log('\nStages:')
for (const m of micro) console.log(`  ${m.stage.padEnd(48)} ${String(m.value).padStart(10)} ${m.unit}${m.note ? `  (${m.note})` : ''}`)
await mkdir('bench-results', { recursive: true })
const file = join('bench-results', `bench-${new Date().toISOString().replace(/[:.]/g, '-')}${values.quick ? '-quick' : ''}.json`)
await writeFile(file, JSON.stringify({ createdAt: new Date().toISOString(), mode: values.quick ? 'quick' : 'full', cachesDropped: drop, machine, rows, micro }, null, 2))
console.log(`\nwrote ${file}`)
