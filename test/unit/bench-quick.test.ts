/**
 * `npm run bench -- --quick` runs every benchmark and prints only well-formed JSON lines. Figures and
 * budgets are not checked here: benchmarks are not timed tests (docs/performance.md has the figures).
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
const BENCHES = ['idle', 'ingest', 'memory', 'renderer', 'scale', 'wire'];

describe('npm run bench -- --quick', () => {
  it('runs every benchmark and prints one well-formed JSON object per line', () => {
    const r = spawnSync(process.execPath, [join(ROOT, 'scripts/bench.mjs'), '--quick'], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 240_000,
      env: { ...process.env, CCTM_LOG_LEVEL: 'error' },
    });
    expect(r.error, r.stderr).toBeUndefined();
    const lines = r.stdout.split('\n').filter((l) => l.trim() !== '');
    expect(lines.length).toBeGreaterThan(20);
    const figures = lines.map((line) => {
      let parsed: unknown;
      expect(() => (parsed = JSON.parse(line)), line).not.toThrow();
      return parsed as Record<string, unknown>;
    });
    for (const f of figures) {
      expect(typeof f.bench, JSON.stringify(f)).toBe('string');
      expect(typeof f.metric, JSON.stringify(f)).toBe('string');
      expect(typeof f.value, JSON.stringify(f)).toBe('number');
      expect(Number.isFinite(f.value), JSON.stringify(f)).toBe(true);
      expect(typeof f.unit, JSON.stringify(f)).toBe('string');
      if ('budget' in f) {
        expect(typeof f.budget).toBe('number');
        expect(['<=', '>=']).toContain(f.cmp);
        expect(typeof f.ok).toBe('boolean');
      }
    }
    expect(figures.filter((f) => f.metric === 'error'), r.stderr.slice(-3000)).toEqual([]);
    expect([...new Set(figures.map((f) => f.bench))].sort()).toEqual(BENCHES);
    expect(r.status, r.stderr.slice(-3000)).toBe(0);
  }, 300_000);
});
