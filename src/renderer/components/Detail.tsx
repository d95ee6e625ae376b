/**
 * The details of one thing above its list (an agent, a queue, an alert): its heading takes the focus
 * when it opens or shows another thing, and Esc or Close closes it — the focus then goes back to what
 * opened it (the row), so a keyboard user goes on from there. Esc closes it from anywhere in the view,
 * except in a field outside it (Esc empties a search box there).
 */
import { useEffect, useRef, type ReactNode, type RefObject } from 'react';

/** Esc closes the panel: inside it always, elsewhere unless a form field has the key. */
function useEscapeCloses(section: RefObject<HTMLElement | null>, onClose: () => void): void {
  const close = useRef(onClose);
  close.current = onClose;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || e.defaultPrevented) return;
      const target = e.target instanceof Element ? e.target : null;
      const inside = !!target && !!section.current?.contains(target);
      if (!inside && target?.closest('input, select, textarea, [contenteditable="true"]')) return;
      close.current();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [section]);
}
import { useI18n } from '../i18n/context';
import { useOpenedFocus } from './useOpenedFocus';

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
  useEscapeCloses(section, onClose);
  // Closed with the focus inside: back to the row it was opened from.
  useOpenedFocus(heading, section, showing);
  return (
    <section className="detail" ref={section} aria-labelledby={id}>
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
  const section = useRef<HTMLElement>(null);
  useEscapeCloses(section, onClose);
  return (
    <section className="detail" ref={section} aria-label={label}>
      <p>{text}</p>
      <button type="button" onClick={onClose}>
        {t('action.close')}
      </button>
    </section>
  );
}
