/**
 * Which event log lines a full log keeps. The newest, but a busy feed's ordinary lines (calls,
 * logins) must not push out what a lead looks for later in the shift: a source's changes of status,
 * warnings and errors. Those outlive ordinary lines, up to half the log; beyond that, the oldest of
 * them go too. The tray app, the collector and the dashboard all keep their logs this way.
 */
import type { LogEntry } from './model';

/** A line that outlives ordinary ones. */
export function lastingLine(e: Pick<LogEntry, 'kind' | 'level'>): boolean {
  return e.level !== 'info' || e.kind === 'source.status';
}

/** `lines` (oldest first) cut to `capacity`: ordinary lines go oldest first, lasting ones only beyond half. */
export function trimLog<T extends Pick<LogEntry, 'kind' | 'level'>>(lines: readonly T[], capacity: number): T[] {
  const n = lines.length;
  if (n <= capacity) return lines.slice();
  // The newest lasting lines, up to half the log, are spared.
  const spared = new Uint8Array(n);
  let kept = 0;
  for (let i = n - 1; i >= 0 && kept < capacity >> 1; i--) {
    if (lastingLine(lines[i]!)) {
      spared[i] = 1;
      kept++;
    }
  }
  // At most half are spared, so there are always enough others to drop.
  let drop = n - capacity;
  const out: T[] = [];
  for (let i = 0; i < n; i++) {
    if (drop > 0 && !spared[i]) {
      drop--;
      continue;
    }
    out.push(lines[i]!);
  }
  return out;
}
