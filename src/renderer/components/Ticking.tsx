/** Elapsed time since a host timestamp, re-rendered every second while on screen. */
import { useClient } from '../bridge/react';
import { useI18n } from '../i18n/context';
import { clockDuration, elapsedSec } from '../lib/format';
import { durationText } from '../lib/units';
import { useSecond } from '../lib/ticker';

/**
 * `words`: "20 min 36 s" rather than "20:36", where the time follows words that would make a clock
 * duration read as a time of day ("Dans cet état depuis", "In this state for") — a table's column of
 * durations keeps the clock form.
 */
export function Ticking({ since, fallbackSec = null, words = false }: { since: number | null | undefined; fallbackSec?: number | null; words?: boolean }) {
  const { store } = useClient();
  const tr = useI18n();
  useSecond();
  const sec = since !== null && since !== undefined ? elapsedSec(since, store.now()) : fallbackSec;
  const text = words ? durationText(tr, sec) : clockDuration(sec);
  return text === null ? <span className="muted">–</span> : <span className="num">{text}</span>;
}
