/** Elapsed time since a host timestamp, re-rendered every second while on screen. */
import { useClient } from '../bridge/react';
import { clockDuration, elapsedSec } from '../lib/format';
import { useSecond } from '../lib/ticker';

export function Ticking({ since, fallbackSec = null }: { since: number | null | undefined; fallbackSec?: number | null }) {
  const { store } = useClient();
  useSecond();
  const sec = since !== null && since !== undefined ? elapsedSec(since, store.now()) : fallbackSec;
  const text = clockDuration(sec);
  return text === null ? <span className="muted">–</span> : <span className="num">{text}</span>;
}
