/** One labelled figure in a grid of figures. */
export function Stat({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div className="stat">
      <span className="muted">{label}</span>
      <strong data-testid={testId}>{value}</strong>
    </div>
  )
}
