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
    expect(p.err()).toMatch(/field "sources\[0\]\.baseUrl" \(source "wv"\): .*loopback/);
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
    expect(p.err()).toContain('sources[0].token');
    expect(p.err()).not.toContain('literal-token-value');
  });

  it('names each field that holds a literal secret when it refuses a readable file, Avaya\'s appKey included', async () => {
    const path = configFile(
      {
        sources: [
          { id: 'wv', vendor: 'wolkvox', server: '0031', token: 'env:CLI_WV' },
          { id: 'av', vendor: 'avaya', accountId: 'ABCDEF', clientId: 'c', clientSecret: 'env:CLI_AV', appKey: 'literal-app-key-value' },
        ],
      },
      0o640,
    );
    const p = run(['--config', path], { CLI_WV: 'w', CLI_AV: 'a' });
    expect(await p.exited).toBe(2);
    expect(p.err()).toContain(`${path} holds secrets in sources[1].appKey but is accessible to its group`);
    expect(p.err()).not.toContain('sources[0].token');
    expect(p.err()).not.toContain('literal-app-key-value');
  });

  it('names the address of the configuration file when it cannot listen there', async () => {
    // 192.0.2.1 (TEST-NET-1) is no address of this machine: listening fails at once, nothing is sent.
    const path = configFile({ sources: [], server: { host: '192.0.2.1', accessToken: 'env:CLI_TOKEN' } });
    const p = run(['--config', path, '--port', '0'], { CLI_TOKEN: 'cli-token-value' });
    expect(await p.exited).toBe(1);
    expect(p.err()).toBe('collector: cannot listen on 192.0.2.1: this machine has no such address\n');
  });

  it('listens on a bracketed IPv6 address as on the bare one', async () => {
    const p = run(['--demo', '--host', '[::1]', '--port', '0', '--notify', 'log']);
    await waitFor(() => /collector listening on http:\/\/\[::1\]:\d+\n/.test(p.out()) || p.child.exitCode !== null, 15_000);
    if (p.child.exitCode !== null) {
      // a machine without IPv6 loopback: still one line, naming the address without its brackets
      expect(p.err()).toBe('collector: cannot listen on ::1: this machine has no such address\n');
      expect(p.child.exitCode).toBe(1);
      return;
    }
    const url = /collector listening on (\S+)/.exec(p.out())![1]!;
    expect((await fetch(`${url}/api/health`)).status).toBe(200);
    p.child.kill('SIGTERM');
    expect(await p.exited, p.err()).toBe(0);
    expect(p.err()).not.toContain('ENOTFOUND');
  });

  it('refuses a port that is not written as a decimal number', async () => {
    for (const port of ['', '0x10']) {
      const p = run(['--demo', '--port', port]);
      expect(await p.exited).toBe(2);
      expect(p.err()).toContain(`--port must be a whole number from 0 to 65535`);
    }
  });

  it('lists --notify and --data-dir in the synopsis of --help', async () => {
    const p = run(['--help']);
    expect(await p.exited).toBe(0);
    const synopsis = p.out().split('\n\n')[0]!;
    expect(synopsis).toContain('[--notify MODE]');
    expect(synopsis).toContain('[--data-dir DIR]');
  });
});
