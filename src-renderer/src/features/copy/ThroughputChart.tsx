import { useEffect, useRef } from 'react'
import uPlot from 'uplot'
import 'uplot/dist/uPlot.min.css'
import type { RatePoint } from './copy-store'

/** MB/s (left axis) and files/s (right axis) over elapsed time, redrawn from the store's sampled points. */
export function ThroughputChart({ points, labels }: { points: ReadonlyArray<RatePoint>; labels: { mbps: string; fps: string; time: string } }) {
  const host = useRef<HTMLDivElement>(null)
  const chart = useRef<uPlot | undefined>(undefined)
  useEffect(() => {
    if (!host.current) return
    const plot = new uPlot(
      {
        width: Math.max(480, host.current.clientWidth),
        height: 220,
        scales: { x: { time: false }, mbps: { auto: true, range: (_u, _min, max) => [0, Math.max(1, max * 1.1)] }, fps: { auto: true, range: (_u, _min, max) => [0, Math.max(1, max * 1.1)] } },
        axes: [
          { label: labels.time, values: (_u, splits) => splits.map((s) => (s < 10 ? `${s.toFixed(1)}s` : `${Math.round(s)}s`)) },
          { scale: 'mbps', label: labels.mbps },
          { scale: 'fps', label: labels.fps, side: 1, grid: { show: false } },
        ],
        series: [
          { label: labels.time },
          { label: labels.mbps, scale: 'mbps', stroke: '#ff6a00', width: 2, fill: 'rgba(255,106,0,0.08)' },
          { label: labels.fps, scale: 'fps', stroke: '#2f6fdb', width: 1.5 },
        ],
        legend: { show: true },
      },
      [[], [], []],
      host.current,
    )
    chart.current = plot
    const resize = () => host.current && plot.setSize({ width: Math.max(480, host.current.clientWidth), height: 220 })
    window.addEventListener('resize', resize)
    return () => {
      window.removeEventListener('resize', resize)
      plot.destroy()
      chart.current = undefined
    }
  }, [labels.mbps, labels.fps, labels.time])
  useEffect(() => {
    chart.current?.setData([points.map((p) => p.t), points.map((p) => p.bytesPerSecond / 1e6), points.map((p) => p.filesPerSecond)])
  }, [points, labels])
  return <div ref={host} className="chart" data-testid="throughput-chart" data-points={points.length} />
}
