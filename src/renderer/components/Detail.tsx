/**
 * The details of one thing above its list (an agent, a queue, an alert): its heading takes the focus
 * when it opens or shows another thing, and Esc or Close closes it — the focus then goes back to what
 * opened it (the row), so a keyboard user goes on from there.
 */
import { useEffect, useRef, type ReactNode } from 'react';
import { useI18n } from '../i18n/context';

export interface DetailProps {
  /** The heading's id, which names the panel. */
  id: string;
  title: ReactNode;
  /** Shown before and after the title in the panel's head (a severity, a state, a link). */
  before?: ReactNode;
  after?: ReactNode;
  /** Buttons beside Close (Copy). */
  tools?: ReactNode;
  /** What is shown: the focus moves to the heading when it changes. */
  showing: string;
  onClose: () => void;
  children: ReactNode;
}

export function Detail({ id, title, before, after, tools, showing, onClose, children }: DetailProps) {
  const { t } = useI18n();
  const heading = useRef<HTMLHeadingElement>(null);
  const section = useRef<HTMLElement>(null);
  const opener = useRef<HTMLElement | null>(null);
  useEffect(() => {
    const active = document.activeElement;
    if (active instanceof HTMLElement && active !== document.body && !section.current?.contains(active)) opener.current = active;
    heading.current?.focus();
  }, [showing]);
  useEffect(
    () => () => {
      // Closed with the focus inside (now lost with it): back to the row it was opened from.
      const o = opener.current;
      if (o?.isConnected && (document.activeElement === null || document.activeElement === document.body)) o.focus();
    },
    [],
  );
  return (
    <section className="detail" ref={section} aria-labelledby={id} onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      <header className="detail-head">
        {before}
        <h3 id={id} tabIndex={-1} ref={heading}>
          {title}
        </h3>
        {after}
        <span className="detail-tools">
          {tools}
          <button type="button" onClick={onClose}>
            {t('action.close')}
          </button>
        </span>
      </header>
      {children}
    </section>
  );
}

/** In place of the details, when the thing asked for is no longer known. */
export function DetailGone({ label, text, onClose }: { label: string; text: string; onClose: () => void }) {
  const { t } = useI18n();
  return (
    <section className="detail" aria-label={label} onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      <p>{text}</p>
      <button type="button" onClick={onClose}>
        {t('action.close')}
      </button>
    </section>
  );
}
