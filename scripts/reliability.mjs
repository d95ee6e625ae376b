#!/usr/bin/env node
// `npm run test:reliability [-- --full] [vitest args]`: the reliability tests (faults survived per
// vendor, a compressed shift, bad input) over loopback sockets. Short by default (a few minutes);
// `--full` sets CCTM_RELIABILITY_FULL=1 for the long versions. Prints every figure the tests measured
// as one JSON line, writes them to test-results/reliability/, and ends with the summary line
// "N passed, N failed, N skipped".
import { spawnSync } from 'node:child_process';
import { cpus } from 'node:os';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'test-results/reliability');
const args = process.argv.slice(2);
const full = args.includes('--full');
const passThrough = args.filter((a) => a !== '--full');

// Figures of an earlier run must not be mistaken for this one's.
rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });
const report = join(outDir, 'vitest.json');
const vitest = join(root, 'node_modules/vitest/vitest.mjs');
const started = Date.now();
const run = spawnSync(
  process.execPath,
  [vitest, 'run', '-c', 'vitest.reliability.config.ts', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...passThrough],
  {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, CCTM_RELIABILITY_FULL: full ? '1' : process.env.CCTM_RELIABILITY_FULL ?? '0', FORCE_COLOR: process.env.CI ? '0' : process.env.FORCE_COLOR },
  },
);
const seconds = Math.round((Date.now() - started) / 1000);

const figures = [];
for (const name of readdirSync(outDir).sort()) {
  if (!name.endsWith('.json') || name === 'vitest.json' || name === 'figures.json' || name === 'summary.json') continue;
  try {
    const list = JSON.parse(readFileSync(join(outDir, name), 'utf8'));
    if (Array.isArray(list)) figures.push(...list);
  } catch {
    process.stdout.write(`(could not read figures from ${name})\n`);
  }
}
if (figures.length) process.stdout.write('\n');
for (const f of figures) process.stdout.write(`${JSON.stringify(f)}\n`);

let summary = null;
try {
  const r = JSON.parse(readFileSync(report, 'utf8'));
  summary = { passed: r.numPassedTests, failed: r.numFailedTests, skipped: r.numPendingTests + (r.numTodoTests ?? 0) };
} catch {
  // vitest wrote no report (it crashed before running): the exit code says it all.
}
const machine = { node: process.version, cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', platform: `${process.platform} ${process.arch}` };
writeFileSync(join(outDir, 'figures.json'), `${JSON.stringify(figures, null, 1)}\n`);
writeFileSync(join(outDir, 'summary.json'), `${JSON.stringify({ mode: full ? 'full' : 'short', seconds, machine, ...(summary ?? { error: 'no vitest report' }) }, null, 1)}\n`);
if (summary) process.stdout.write(`\n${summary.passed} passed, ${summary.failed} failed, ${summary.skipped} skipped\n`);
process.exit(run.status ?? 1);
