import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { JobStatus } from '../../../src-shared/job-types'
import { api } from '../bridge'
import { CubeSelect } from './CubeSelect'

/** A cube and one of its jobs, read from the cube's unencrypted job headers (no password needed). */
export function JobPicker({ cube, job, onChange, testId, refreshKey = 0 }: { cube: string; job: string; onChange(cube: string, job: string): void; testId: string; refreshKey?: number }) {
  const { t } = useTranslation()
  const [jobs, setJobs] = useState<ReadonlyArray<JobStatus>>([])
  useEffect(() => {
    if (!cube) return
    let live = true
    void api.listJobs({ path: cube }).then((result) => {
      if (!live) return
      const list = result.ok ? result.value : []
      setJobs(list)
      if (list.length > 0 && !list.some((j) => j.name === job)) onChange(cube, list[0]!.name)
    })
    return () => {
      live = false
    }
  }, [cube, job, onChange, refreshKey])
  return (
    <div className="row">
      <CubeSelect value={cube} onChange={(path) => onChange(path, '')} testId={`${testId}-cube`} />
      <label>
        {t('common.job')}
        <select data-testid={`${testId}-job`} value={job} onChange={(e) => onChange(cube, e.target.value)} disabled={jobs.length === 0}>
          {jobs.length === 0 && <option value="">{t('common.none')}</option>}
          {jobs.map((j) => <option key={j.name} value={j.name}>{j.name}</option>)}
        </select>
      </label>
    </div>
  )
}
