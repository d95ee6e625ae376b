import { afterEach, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '../..');
const BIN = join(ROOT, 'src/server/bin.ts');
const TSX = join(ROOT, 'node_modules/tsx/dist/cli.mjs');
const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
});

function run(args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, [TSX, BIN, ...args], { cwd: ROOT, env: { ...process.env, ...env } });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, out: () => stdout, err: () => stderr };
}

function configFile(doc: unknown, mode = 0o600): string {
  const dir = mkdtempSync(join(tmpdir(), 'cctm-cli-'));
  const path = join(dir, 'collector.json');
  writeFileSync(path, JSON.stringify(doc));
  chmodSync(path, mode);
  return path;
}

async function waitFor(pred: () => boolean, ms: number) {
  const end = Date.now() + ms;
  while (!pred()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('collector CLI', () => {
  it('prints exactly one listening line, serves, and stops cleanly on SIGTERM within 5 s', async () => {
    const path = configFile({
      sources: [{ id: 'av', vendor: 'avaya', accountId: 'ABCDEF', clientId: 'c', clientSecret: 'env:CLI_TEST_SECRET', appKey: 'k', apiBaseUrl: 'http://127.0.0.1:9' }],
    });
    const p = run(['--config', path, '--port', '0'], { CLI_TEST_SECRET: 'sekret-value-987' });
    await waitFor(() => /collector listening on http:\/\/127\.0\.0\.1:\d+\n/.test(p.out()), 15_000);
    const lines = p.out().split('\n').filter((l) => l.startsWith('collector listening on'));
    expect(lines).toHaveLength(1);
    const url = lines[0]!.slice('collector listening on '.length);
    const health = await (await fetch(`${url}/api/health`)).json();
    expect(health.sources[0]).toMatchObject({ id: 'av', vendor: 'avaya' });
    const t0 = Date.now();
    p.child.kill('SIGTERM');
    expect(await p.exited).toBe(0);
    expect(Date.now() - t0).toBeLessThan(5000);
    expect(p.out() + p.err()).not.toContain('sekret-value-987');
  });

  it('exits 2 naming the file, the source id and the field on invalid configuration', async () => {
    const path = configFile({ sources: [{ id: 'ax', vendor: 'axialys', login: 'sup' }] });
    const p = run(['--config', path]);
    expect(await p.exited).toBe(2);
    expect(p.err()).toContain(path);
    expect(p.err()).toContain('"ax"');
    expect(p.err()).toContain('password');
  });

  it('exits 2 when plain http points at a non-loopback host', async () => {
    const path = configFile({ sources: [{ id: 'wv', vendor: 'wolkvox', server: '0031', token: 'env:X', baseUrl: 'http://wv0031.example.com' }] });
    const p = run(['--config', path], { X: 'y' });
    expect(await p.exited).toBe(2);
    expect(p.err()).toMatch(/"wv".*baseUrl.*loopback/);
  });

  it('exits 2 on a non-loopback bind without server.accessToken', async () => {
    const path = configFile({ sources: [] });
    const p = run(['--config', path, '--host', '0.0.0.0', '--port', '0']);
    expect(await p.exited).toBe(2);
    expect(p.err()).toContain('server.accessToken');
  });

  it('refuses a group/world-readable config file that holds literal secrets', async () => {
    const path = configFile({ sources: [{ id: 'wv', vendor: 'wolkvox', server: '0031', token: 'literal-token-value' }] }, 0o644);
    const p = run(['--config', path]);
    expect(await p.exited).toBe(2);
    expect(p.err()).toContain(`chmod 600 ${path}`);
    expect(p.err()).not.toContain('literal-token-value');
  });
});
