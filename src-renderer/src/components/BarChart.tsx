/** Horizontal bars as inline SVG-free markup: readable, printable and needing no chart library. */
export function BarChart({ items, format, testId, label }: { items: ReadonlyArray<{ label: string; value: number; note?: string }>; format(value: number): string; testId: string; label: string }) {
  const max = Math.max(1, ...items.map((i) => i.value))
  return (
    <figure className="bars" data-testid={testId} aria-label={label}>
      {items.map((item) => (
        <div className="bar-row" key={item.label}>
          <span className="bar-label">{item.label}</span>
          <span className="bar"><span className="bar-fill" style={{ width: `${(item.value / max) * 100}%` }} /></span>
          <span className="bar-value">{format(item.value)}{item.note ? ` · ${item.note}` : ''}</span>
        </div>
      ))}
    </figure>
  )
}
