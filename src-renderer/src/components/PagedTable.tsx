import { useEffect, useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'

export type Column<T> = Readonly<{ key: string; label: string; width?: string; render(row: T): ReactNode }>

const ROW_HEIGHT = 32
const VIEW_ROWS = 12
const OVERSCAN = 6

/**
 * A page of rows fetched on demand, of which only the visible ones are in the DOM: a list of millions
 * (a compare report) costs one page of memory and a dozen rows of layout.
 */
export function PagedTable<T>({ total, fetchPage, columns, pageSize = 500, testId, rowKey }: {
  total: number
  fetchPage(offset: number, limit: number): Promise<ReadonlyArray<T>>
  columns: ReadonlyArray<Column<T>>
  pageSize?: number
  testId: string
  rowKey(row: T, index: number): string
}) {
  const { t } = useTranslation()
  const [page, setPage] = useState(0)
  const [rows, setRows] = useState<ReadonlyArray<T>>([])
  const [scrollTop, setScrollTop] = useState(0)
  const pages = Math.max(1, Math.ceil(total / pageSize))
  useEffect(() => {
    let live = true
    void fetchPage(page * pageSize, pageSize).then((fetched) => {
      if (live) setRows(fetched)
    })
    return () => {
      live = false
    }
  }, [fetchPage, page, pageSize])
  if (total === 0) return <p className="muted" data-testid={`${testId}-empty`}>{t('common.empty')}</p>
  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN)
  const last = Math.min(rows.length, Math.ceil((scrollTop + VIEW_ROWS * ROW_HEIGHT) / ROW_HEIGHT) + OVERSCAN)
  const template = columns.map((c) => c.width ?? '1fr').join(' ')
  return (
    <div className="paged" data-testid={testId} data-total={total}>
      <div className="table-head" style={{ gridTemplateColumns: template }} role="row">
        {columns.map((c) => <span key={c.key} role="columnheader">{c.label}</span>)}
      </div>
      <div className="table-body" role="rowgroup" style={{ height: Math.min(rows.length, VIEW_ROWS) * ROW_HEIGHT + 2 }} onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)} tabIndex={0}>
        <div style={{ height: rows.length * ROW_HEIGHT, position: 'relative' }}>
          {rows.slice(first, last).map((row, i) => (
            <div key={rowKey(row, first + i)} className="table-row" role="row" data-testid={`${testId}-row`} style={{ gridTemplateColumns: template, top: (first + i) * ROW_HEIGHT, height: ROW_HEIGHT }}>
              {columns.map((c) => {
                const cell = c.render(row)
                return <span key={c.key} role="cell" title={typeof cell === 'string' ? cell : undefined}>{cell}</span>
              })}
            </div>
          ))}
        </div>
      </div>
      <div className="pager">
        <span className="muted">{t('common.rows', { from: page * pageSize + 1, to: Math.min(total, (page + 1) * pageSize), total })}</span>
        <button type="button" className="ghost small" disabled={page === 0} onClick={() => { setPage(page - 1); setScrollTop(0) }}>{t('common.prev')}</button>
        <button type="button" className="ghost small" disabled={page + 1 >= pages} onClick={() => { setPage(page + 1); setScrollTop(0) }} data-testid={`${testId}-next`}>{t('common.next')}</button>
      </div>
    </div>
  )
}
