/** The heading of a view (labels the main landmark) with optional actions. */
import type { ReactNode } from 'react';

export function ViewHeader({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="view-header">
      <h2 id="view-title">{title}</h2>
      {children && <div className="view-actions">{children}</div>}
    </div>
  );
}
