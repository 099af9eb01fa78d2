import type { ReactNode } from 'react'

/** The frame of every screen: its heading (the landmark's label), one line saying what it is for, optional actions. */
export function ScreenSection({ name, title, subtitle, actions, children }: { name: string; title: string; subtitle: string; actions?: ReactNode; children: ReactNode }) {
  return (
    <section aria-labelledby={`${name}-title`} data-testid={`${name}-screen`}>
      <div className="section-head">
        <div>
          <h2 id={`${name}-title`}>{title}</h2>
          <p className="muted">{subtitle}</p>
        </div>
        {actions}
      </div>
      {children}
    </section>
  )
}
