#!/usr/bin/env node
// `npm run bench [-- --quick] [-- name …]`: runs each benchmark in its own Node process (clean heap,
// no interference) and prints one JSON object per line: {"bench","metric","value","unit",…}.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const only = args.filter((a) => !a.startsWith('--'));
const benches = readdirSync(join(root, 'bench'))
  .filter((f) => /^[a-z0-9-]+\.bench\.ts$/.test(f))
  .map((f) => f.replace('.bench.ts', ''))
  .filter((name) => !only.length || only.includes(name))
  .sort();

let failed = 0;
for (const name of benches) {
  const res = spawnSync(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', join(root, 'bench/run.ts'), name, ...(quick ? ['--quick'] : [])],
    { cwd: root, stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, CCTM_LOG_LEVEL: 'error' }, timeout: quick ? 120_000 : 900_000 },
  );
  if (res.status !== 0) {
    failed++;
    process.stdout.write(`${JSON.stringify({ bench: name, metric: 'error', value: res.status ?? -1, unit: 'exit-code' })}\n`);
  }
}
process.exit(failed ? 1 : 0);
