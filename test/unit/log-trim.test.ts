import { describe, expect, it } from 'vitest';
import { lastingLine, trimLog } from '../../src/shared/log-trim';
import { EventLog } from '../../src/core/state/event-log';
import type { LogEntry } from '../../src/shared/model';

const call = (i: number) => ({ id: i, kind: 'call', level: 'info' as const });
const status = (i: number) => ({ id: i, kind: 'source.status', level: 'error' as const });

describe('a full event log', () => {
  it('lets ordinary lines go first: status changes, warnings and errors outlive a busy feed\'s calls', () => {
    expect([lastingLine(status(1)), lastingLine({ kind: 'source.status', level: 'info' }), lastingLine({ kind: 'queue.alert', level: 'warning' }), lastingLine(call(1))]).toEqual([true, true, true, false]);
    const lines = [status(1), ...Array.from({ length: 20 }, (_, i) => call(i + 2)), status(22), call(23)];
    const kept = trimLog(lines, 10);
    expect(kept.map((e) => e.id)).toEqual([1, 15, 16, 17, 18, 19, 20, 21, 22, 23]);
    expect(trimLog(lines.slice(0, 5), 10)).toEqual(lines.slice(0, 5)); // not full: as it is
  });

  it('spares lasting lines only up to half the log: beyond that the oldest of them go too', () => {
    const lines = [...Array.from({ length: 8 }, (_, i) => status(i + 1)), ...Array.from({ length: 8 }, (_, i) => call(i + 9))];
    expect(trimLog(lines, 6).map((e) => e.id)).toEqual([6, 7, 8, 14, 15, 16]);
  });

  it('is what the host keeps and answers, after any number of lines', () => {
    const log = new EventLog(100);
    log.append({ at: 0, sourceId: 'wv', kind: 'source.status', level: 'error', text: 'Source down' });
    for (let i = 0; i < 1000; i++) log.append({ at: i, sourceId: 'ax', kind: 'call', level: 'info', text: `call ${i}` });
    const recent = log.recent(100);
    expect(recent).toHaveLength(100);
    expect(recent[0]).toMatchObject({ id: 1, text: 'Source down' });
    expect(recent.at(-1)).toMatchObject({ text: 'call 999' });
    expect(log.recent(5).map((e: LogEntry) => e.text)).toEqual(['call 995', 'call 996', 'call 997', 'call 998', 'call 999']);
  });
});
