import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { alertHarness, type AlertHarness } from './alerts-harness';
import { alertsToCsv, csvCell } from '../../src/core/alerts/csv';
import { historyEntryId, type Alert } from '../../src/shared/model';

const cycle = (h: AlertHarness, id: string, name = `Agent ${id}`) => {
  h.latency(id, 450, 'wv', name);
  h.latency(id, 450, 'wv', name);
  h.latency(id, 50, 'wv', name);
  h.latency(id, 50, 'wv', name);
};

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'alert-history-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('alert history', () => {
  it('keeps only the last N resolved alerts, newest first, and list("all") includes the recent ones after the active', () => {
    const h = alertHarness({ historyLimit: 3 });
    for (const id of ['1', '2', '3', '4', '5']) cycle(h, id);
    h.latency('9', 450);
    h.latency('9', 450);
    expect(h.engine.history().map((a) => a.subject.key)).toEqual(['wv:5', 'wv:4', 'wv:3']);
    expect(h.engine.history(2).map((a) => a.subject.key)).toEqual(['wv:5', 'wv:4']);
    expect(h.engine.list('all').map((a) => `${a.subject.key}:${a.state}`)).toEqual(['wv:9:firing', 'wv:5:resolved', 'wv:4:resolved', 'wv:3:resolved']);
    expect(h.engine.list('firing').map((a) => a.subject.key)).toEqual(['wv:9']);
    // Evicted lifecycles are no longer answerable by id; kept ones are.
    expect(h.engine.get('agent.latency|wv:1')).toBeUndefined();
    expect(h.engine.get('agent.latency|wv:4')!.state).toBe('resolved');
  });

  it('lists an alert firing again once, firing: not also as it ended before, whose id it shares', () => {
    const h = alertHarness();
    cycle(h, '1');
    cycle(h, '1');
    h.latency('1', 450);
    h.latency('1', 450);
    expect(h.engine.history().map((a) => `${a.id}:${a.state}`)).toEqual(['agent.latency|wv:1:resolved', 'agent.latency|wv:1:resolved']);
    expect(h.engine.list('all').map((a) => `${a.id}:${a.state}`)).toEqual(['agent.latency|wv:1:firing']);
    // Ended again: listed once, as its latest end.
    h.latency('1', 50);
    h.latency('1', 50);
    const all = h.engine.list('all');
    expect(all.map((a) => `${a.id}:${a.state}`)).toEqual(['agent.latency|wv:1:resolved']);
    expect(all[0]).toEqual(h.engine.history()[0]);
  });

  it('answers each entry by its own id, the alert id and when that lifecycle was raised, also lifecycles that share their start', async () => {
    const h = alertHarness();
    // A source failing again soon after it came back: the same outage, so the same start.
    h.source('wv', 'down', { lastError: 'connection refused' });
    await h.advance(60_000);
    await h.advance(5_000);
    h.source('wv', 'live', { lastError: null });
    await h.advance(10_000);
    h.source('wv', 'down', { lastError: 'connection refused' });
    await h.advance(1_000);
    h.source('wv', 'live', { lastError: null });
    const [second, first] = h.engine.history();
    expect([first!.id, second!.id]).toEqual(['source.down|wv', 'source.down|wv']);
    expect(second!.since).toBe(first!.since);
    expect(historyEntryId(first!)).toBe(`source.down|wv@${first!.firedAt}`);
    expect(historyEntryId(second!)).not.toBe(historyEntryId(first!));
    expect(h.engine.get(historyEntryId(first!))).toBe(first);
    expect(h.engine.get(historyEntryId(second!))).toBe(second);
    // The alert id alone is its latest lifecycle, as before.
    expect(h.engine.get('source.down|wv')).toBe(second);
    // Read back by the next engine, the entries keep their ids.
    const path = join(dir, 'alert-history.json');
    const a = alertHarness({ historyPath: path });
    cycle(a, '1');
    await a.advance(1000);
    cycle(a, '1');
    await a.engine.flush();
    const ids = a.engine.history().map(historyEntryId);
    expect(new Set(ids).size).toBe(2);
    const b = alertHarness({ historyPath: path });
    expect(b.engine.history().map(historyEntryId)).toEqual(ids);
    expect(b.engine.get(ids[1]!)).toEqual(a.engine.history()[1]);
  });

  it('forgets an evicted entry by its own id too', async () => {
    const h = alertHarness({ historyLimit: 2 });
    cycle(h, '1');
    const first = historyEntryId(h.engine.history()[0]!);
    await h.advance(1000);
    cycle(h, '1');
    cycle(h, '2');
    expect(h.engine.get(first)).toBeUndefined();
    expect(h.engine.history().map(historyEntryId).map((id) => h.engine.get(id)?.state)).toEqual(['resolved', 'resolved']);
  });

  it('is written after a short delay and on flush, and read back by the next engine', async () => {
    const path = join(dir, 'sub', 'alert-history.json');
    const h = alertHarness({ historyPath: path });
    cycle(h, '1');
    expect(existsSync(path)).toBe(false);
    await h.advance(1000);
    await h.engine.flush();
    expect(JSON.parse(readFileSync(path, 'utf8')).alerts).toHaveLength(1);
    cycle(h, '2');
    await h.engine.flush();
    const h2 = alertHarness({ historyPath: path });
    expect(h2.engine.history().map((a) => a.id)).toEqual(['agent.latency|wv:2', 'agent.latency|wv:1']);
    expect(h2.engine.get('agent.latency|wv:1')!.state).toBe('resolved');
  });

  it('a corrupt file starts an empty history with a warning and is kept aside; never a crash', async () => {
    const path = join(dir, 'alert-history.json');
    writeFileSync(path, '{"version":1,"alerts":[{"id":');
    const h = alertHarness({ historyPath: path });
    expect(h.engine.history()).toEqual([]);
    expect(h.logger.lines.some((l) => l.includes('WARN') && l.includes('is corrupt'))).toBe(true);
    expect(readFileSync(`${path}.corrupt`, 'utf8')).toBe('{"version":1,"alerts":[{"id":');
    cycle(h, '1');
    await h.engine.flush();
    expect(JSON.parse(readFileSync(path, 'utf8')).alerts).toHaveLength(1);
  });

  it('drops unreadable entries of an otherwise valid file', () => {
    const path = join(dir, 'alert-history.json');
    const h0 = alertHarness();
    cycle(h0, '1');
    const good = h0.engine.history()[0];
    writeFileSync(path, JSON.stringify({ version: 1, alerts: [good, { id: 3 }, 'x', { ...good, state: 'firing' }] }));
    const h = alertHarness({ historyPath: path });
    expect(h.engine.history()).toHaveLength(1);
    expect(h.logger.lines.some((l) => l.includes('ignored 3 unreadable entries'))).toBe(true);
  });

  it('a history path that cannot be written is a warning, not a failure', async () => {
    const blocker = join(dir, 'file');
    writeFileSync(blocker, 'x');
    const h = alertHarness({ historyPath: join(blocker, 'history.json') });
    cycle(h, '1');
    await expect(h.engine.flush()).resolves.toBeUndefined();
    expect(h.logger.lines.some((l) => l.includes('could not save the alert history'))).toBe(true);
    expect(h.engine.history()).toHaveLength(1);
  });
});

describe('CSV export', () => {
  it('quotes properly and neutralises formula injection', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-2')).toBe("'-2");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell(-2)).toBe('-2');
    expect(csvCell(null)).toBe('');
    expect(csvCell(true)).toBe('true');
  });

  it('exports firing alerts and the history with a header, ISO times and durations', () => {
    const h = alertHarness();
    cycle(h, '1', '=cmd|" /C calc"!A0');
    h.latency('2', 450, 'wv', 'Ana, "la jefa"');
    h.latency('2', 450, 'wv', 'Ana, "la jefa"');
    const csv = h.engine.exportCsv();
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('id,rule,metric,severity,state,subject_kind,subject_key,subject_name,source,value,threshold,since,fired_at,resolved_at,duration_sec,acknowledged,message');
    expect(lines).toHaveLength(4);
    expect(lines[3]).toBe('');
    expect(lines[1]).toContain('agent.latency|wv:2,agent.latency,agent.latency,critical,firing,agent,wv:2,"Ana, ""la jefa""",wv,450,400,');
    expect(lines[2]).toContain(`,"'=cmd|"" /C calc""!A0",`);
    expect(lines[2]).toContain(',resolved,');
    expect(lines[2]).toContain(new Date(h.now()).toISOString());
    for (const line of lines.slice(1, 3)) expect(line).not.toMatch(/(^|,)[=+\-@]/);
  });

  it('alertsToCsv of nothing is just the header', () => {
    expect(alertsToCsv([] as Alert[]).split('\r\n')[1]).toBe('');
  });
});
