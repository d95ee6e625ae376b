/**
 * Figures a reliability test measured (time to recover, heap, counts…), one object per scenario.
 * Each test file keeps its own list and writes it to `test-results/reliability/<name>.json`;
 * `npm run test:reliability` prints them as JSON lines and `docs/reliability.md` quotes them.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export type Figure = { suite: string; scenario: string } & Record<string, string | number | boolean | null>;

export const FULL = process.env.CCTM_RELIABILITY_FULL === '1';
export const OUT_DIR = join(process.cwd(), 'test-results', 'reliability');

export class Figures {
  readonly list: Figure[] = [];

  constructor(private readonly name: string) {}

  record(f: Figure): Figure {
    const out = { ...f, mode: FULL ? 'full' : 'short' } as Figure;
    this.list.push(out);
    return out;
  }

  /** Writes what was recorded (called from afterAll, also after failures). */
  write(): void {
    mkdirSync(OUT_DIR, { recursive: true });
    writeFileSync(join(OUT_DIR, `${this.name}.json`), `${JSON.stringify(this.list, null, 1)}\n`);
  }
}

/** Rounds to whole milliseconds (or the given digits). */
export function ms(v: number): number {
  return Math.round(v);
}

export function mb(bytes: number, digits = 1): number {
  return Number((bytes / (1024 * 1024)).toFixed(digits));
}
