import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// The collector itself is replaced: these tests are about what the command line says when it fails.
vi.mock('../../src/server/collector', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../src/server/collector')>()),
  startCollector: vi.fn(),
}));

const { startCollector } = await import('../../src/server/collector');
const { USAGE, listenProblem, main, parsePort, unbracketHost } = await import('../../src/server/cli');
const started = vi.mocked(startCollector);

class Exit extends Error {
  constructor(readonly code: number | undefined) {
    super(`exit ${code}`);
  }
}

let stderr = '';
beforeEach(() => {
  stderr = '';
  vi.spyOn(process, 'exit').mockImplementation(((code?: number) => {
    throw new Exit(code);
  }) as typeof process.exit);
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
});
afterEach(() => {
  vi.restoreAllMocks();
  started.mockReset();
});

/** Runs main() to its exit; the exit code, or undefined when it returned. */
async function exitOf(args: string[]): Promise<number | undefined> {
  try {
    await main(args);
  } catch (e) {
    if (e instanceof Exit) return e.code;
    throw e;
  }
  return undefined;
}

function configFile(doc: unknown): string {
  const path = join(mkdtempSync(join(tmpdir(), 'cctm-cli-unit-')), 'collector.json');
  writeFileSync(path, JSON.stringify(doc), { mode: 0o600 });
  return path;
}

function systemError(code: string, syscall: string, message: string): NodeJS.ErrnoException {
  return Object.assign(new Error(message), { code, syscall });
}

describe('collector command line', () => {
  it('accepts only decimal port numbers from 0 to 65535', () => {
    expect(parsePort('0')).toBe(0);
    expect(parsePort('8787')).toBe(8787);
    expect(parsePort('65535')).toBe(65535);
    for (const bad of ['', ' ', '0x10', '1e3', '80.0', '-1', '+80', ' 80', '65536', '99999999', 'http']) expect(parsePort(bad), bad).toBeNull();
  });

  it('refuses --port "" and --port 0x10 instead of taking them as ports 0 and 16', async () => {
    for (const port of ['', '0x10']) {
      stderr = '';
      expect(await exitOf(['--demo', '--port', port])).toBe(2);
      expect(stderr).toBe(`collector: --port must be a whole number from 0 to 65535 (0 picks a free port), not "${port}"\n`);
    }
    expect(started).not.toHaveBeenCalled();
  });

  it('takes a bracketed IPv6 address without its brackets', async () => {
    expect(unbracketHost('[::1]')).toBe('::1');
    expect(unbracketHost('[fe80::1%lo]')).toBe('fe80::1%lo');
    expect(unbracketHost('::1')).toBe('::1');
    expect(unbracketHost('localhost')).toBe('localhost');
    started.mockRejectedValue(systemError('EADDRNOTAVAIL', 'listen', 'listen EADDRNOTAVAIL: address not available ::1'));
    expect(await exitOf(['--demo', '--host', '[::1]', '--port', '0'])).toBe(1);
    expect(started.mock.calls[0]![0].host).toBe('::1');
    expect(stderr).toBe('collector: cannot listen on ::1: this machine has no such address\n');
  });

  it('names the address it tried when it comes from the configuration file', async () => {
    const path = configFile({ sources: [], server: { host: '192.0.2.1', port: 9999, accessToken: 'env:CLI_UNIT_TOKEN' } });
    process.env.CLI_UNIT_TOKEN = 'unit-token-value';
    try {
      started.mockRejectedValue(systemError('EADDRNOTAVAIL', 'listen', 'listen EADDRNOTAVAIL: address not available 192.0.2.1:9999'));
      expect(await exitOf(['--config', path])).toBe(1);
      expect(started.mock.calls[0]![0].host).toBe('192.0.2.1');
      expect(stderr).toBe('collector: cannot listen on 192.0.2.1: this machine has no such address\n');
      expect(stderr).not.toContain('undefined');
    } finally {
      delete process.env.CLI_UNIT_TOKEN;
    }
  });

  it('says in one line, without a stack, that a host name does not resolve', async () => {
    for (const code of ['ENOTFOUND', 'EAI_NONAME', 'EAI_AGAIN']) {
      stderr = '';
      started.mockRejectedValue(systemError(code, 'getaddrinfo', `getaddrinfo ${code} no-such-host.invalid`));
      expect(await exitOf(['--demo', '--host', 'localhost', '--port', '0'])).toBe(1);
      expect(stderr).toMatch(/^collector: cannot listen on localhost: .*\n$/);
      expect(stderr.split('\n')).toHaveLength(2);
      expect(stderr).not.toMatch(/\bat .*\(|getaddrinfo/);
    }
  });

  it('words every listen error as one line naming the address', () => {
    const of = (code: string, syscall = 'listen') => listenProblem(systemError(code, syscall, `${syscall} ${code}`), 'example.test', 8787);
    expect(of('EADDRINUSE')).toBe('port 8787 is already in use: pass --port 0 or another port');
    expect(of('EADDRNOTAVAIL')).toBe('cannot listen on example.test: this machine has no such address');
    expect(of('ENOTFOUND', 'getaddrinfo')).toBe('cannot listen on example.test: no address has this name: pass an address of this machine, such as 127.0.0.1 or 0.0.0.0');
    expect(of('EAI_NONAME', 'getaddrinfo')).toBe(of('ENOTFOUND', 'getaddrinfo'));
    expect(of('EAI_AGAIN', 'getaddrinfo')).toMatch(/^cannot listen on example\.test: the name could not be looked up now .*: pass an IP address/);
    expect(listenProblem(systemError('EACCES', 'listen', 'listen EACCES'), 'example.test', 80)).toMatch(/^cannot listen on example\.test port 80: permission denied .*: pass --port 1024 or above$/);
    expect(of('EACCES')).toBe('cannot listen on example.test port 8787 (EACCES): check --host and --port');
    expect(of('EWHATEVER')).toBe('cannot listen on example.test port 8787 (EWHATEVER): check --host and --port');
    for (const code of ['EADDRINUSE', 'EADDRNOTAVAIL', 'ENOTFOUND', 'EAI_AGAIN', 'EACCES', 'EWHATEVER']) expect(of(code)).not.toContain('\n');
  });

  it('lists every option in the synopsis of --help', () => {
    const synopsis = USAGE.split('\n\n')[0]!;
    for (const option of ['--config', '--host', '--port', '--demo', '--notify', '--data-dir']) expect(synopsis).toContain(option);
    const listed = [...USAGE.split('\n\n')[1]!.matchAll(/^ {2}(--[a-z-]+)/gm)].map((m) => m[1]);
    for (const option of listed) expect(synopsis).toContain(option!);
  });
});
