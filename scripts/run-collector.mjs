#!/usr/bin/env node
// Runs the collector from source (TypeScript via tsx). Once the configuration is valid, builds the
// dashboard when it is missing or older than its sources.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  process.stderr.write(`collector: Node.js 22.12 or newer is required (this is ${process.version}).\n`);
  process.exit(1);
}

function newest(dir) {
  let t = 0;
  if (!existsSync(dir)) return t;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    t = Math.max(t, entry.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

async function buildDashboardIfNeeded() {
  const index = join(root, 'out/renderer/index.html');
  const sources = Math.max(newest(join(root, 'src/renderer')), newest(join(root, 'src/shared')));
  if (existsSync(index) && statSync(index).mtimeMs >= sources) return;
  if (!existsSync(join(root, 'src/renderer/index.html'))) return;
  process.stderr.write('collector: building the dashboard…\n');
  const { build } = await import('vite');
  await build({ configFile: join(root, 'vite.renderer.config.ts'), logLevel: 'warn' });
}

const { register } = await import('tsx/esm/api');
register();
const { main } = await import(pathToFileURL(join(root, 'src/server/cli.ts')).href);
await main(process.argv.slice(2), { prepare: buildDashboardIfNeeded });
