/** Language-neutral formatting helpers (numbers go through the translator's `n`). */

/** "4:07", "1:02:03"; null for unknown or negative. */
export function clockDuration(sec: number | null | undefined): string | null {
  if (sec === null || sec === undefined || !Number.isFinite(sec) || sec < 0) return null;
  const s = Math.floor(sec);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const r = s % 60;
  const mm = h ? String(m).padStart(2, '0') : String(m);
  return `${h ? `${h}:` : ''}${mm}:${String(r).padStart(2, '0')}`;
}

/** Seconds elapsed since an epoch ms, at host time `now`. */
export function elapsedSec(since: number | null | undefined, now: number): number | null {
  if (since === null || since === undefined) return null;
  return Math.max(0, (now - since) / 1000);
}

/** Whether two epoch ms fall on the same local calendar day. */
export function sameLocalDay(a: number, b: number): boolean {
  const x = new Date(a);
  const y = new Date(b);
  return x.getDate() === y.getDate() && x.getMonth() === y.getMonth() && x.getFullYear() === y.getFullYear();
}

/** The worse of two nullable metrics (jitter and loss have tx and rx sides). */
export function worse(a: number | null | undefined, b: number | null | undefined): number | null {
  const x = a ?? null;
  const y = b ?? null;
  if (x === null) return y;
  if (y === null) return x;
  return Math.max(x, y);
}

/** The part of an entity key after the source id. */
export function localPart(key: string): string {
  const i = key.indexOf(':');
  return i < 0 ? key : key.slice(i + 1);
}

/** Compares nullable values (strings by code point: callers pass folded keys); nulls last whatever the direction. */
export function compareNullable(a: number | string | null | undefined, b: number | string | null | undefined, dir: 1 | -1): number {
  const an = a === null || a === undefined;
  const bn = b === null || b === undefined;
  if (an || bn) return an === bn ? 0 : an ? 1 : -1;
  if (typeof a === 'string' && typeof b === 'string') return (a < b ? -1 : a > b ? 1 : 0) * dir;
  return ((a as number) - (b as number)) * dir;
}
