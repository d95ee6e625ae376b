/**
 * `npm run collector -- --config FILE [--host H] [--port N] [--demo] [--notify MODE] [--data-dir DIR]`
 * and `npm run demo`.
 * Prints exactly one `collector listening on http://HOST:PORT` line once requests are accepted;
 * SIGINT/SIGTERM stop it cleanly within 5 s; invalid configuration exits with code 2.
 */
import { parseArgs } from 'node:util';
import { basename, dirname, join, resolve } from 'node:path';
import { SettingsSchema, type Settings } from '../shared/settings';
import { createLogger } from '../core/util/logger';
import { ConfigError, literalSecretFields, loadConfigFile, resolveSecret } from './config';
import { noTokenMessage, startCollector } from './collector';
import { isLoopbackHost } from '../shared/sources';
import { checkConfigFilePermissions } from '../core/settings/file-permissions';

export const USAGE = `usage: collector --config FILE [--host H] [--port N] [--demo] [--notify MODE] [--data-dir DIR]
       collector --demo [--host H] [--port N] [--notify MODE] [--data-dir DIR]

  --config FILE   JSON configuration (sources, alerts, server); secrets may be "env:NAME"
  --host H        address to listen on (default 127.0.0.1; others require server.accessToken);
                  an IPv6 address may be written in brackets, e.g. [::1]
  --port N        port, 0 to 65535 (default 8787; 0 picks a free one)
  --demo          add the vendor simulators on loopback as demo sources
  --notify MODE   "desktop" (OS notifications) or "log" (log lines only); default: desktop when a
                  display is available
  --data-dir DIR  keep the alert history in DIR (default: next to the configuration file)
`;

function fail(message: string, code = 2): never {
  process.stderr.write(`collector: ${message}\n`);
  process.exit(code);
}

/** A port written as decimal digits, 0 to 65535 (0: any free port), or null. */
export function parsePort(text: string): number | null {
  if (!/^\d{1,5}$/.test(text)) return null;
  const port = Number(text);
  return port <= 65535 ? port : null;
}

/** "[::1]" → "::1": an IPv6 address as written in URLs, which listening does not take. */
export function unbracketHost(host: string): string {
  const m = /^\[([^[\]]+)\]$/.exec(host.trim());
  return m ? m[1]! : host.trim();
}

/** Codes of a host name that does not resolve (getaddrinfo). */
const NO_SUCH_NAME = new Set(['ENOTFOUND', 'EAI_NONAME', 'EAI_FAIL', 'EAI_NODATA', 'EAI_ADDRFAMILY']);

/** Whether an error is the server's failure to listen (or to resolve the address to listen on). */
function isListenError(e: unknown): e is NodeJS.ErrnoException {
  const err = e as NodeJS.ErrnoException | null;
  return Boolean(err && typeof err.code === 'string' && (err.syscall === 'listen' || err.syscall === 'bind' || err.syscall === 'getaddrinfo' || NO_SUCH_NAME.has(err.code) || err.code === 'EAI_AGAIN'));
}

/** One line saying why the collector cannot listen on host:port, and what to do. */
export function listenProblem(err: NodeJS.ErrnoException, host: string, port: number): string {
  const code = err.code ?? 'error';
  if (code === 'EADDRINUSE') return `port ${port} is already in use: pass --port 0 or another port`;
  if (code === 'EADDRNOTAVAIL') return `cannot listen on ${host}: this machine has no such address`;
  if (NO_SUCH_NAME.has(code)) return `cannot listen on ${host}: no address has this name: pass an address of this machine, such as 127.0.0.1 or 0.0.0.0`;
  if (code === 'EAI_AGAIN') return `cannot listen on ${host}: the name could not be looked up now (no answer from the name server): pass an IP address, such as 127.0.0.1 or 0.0.0.0`;
  if ((code === 'EACCES' || code === 'EPERM') && port > 0 && port < 1024) {
    return `cannot listen on ${host} port ${port}: permission denied (ports below 1024 need administrator rights): pass --port 1024 or above`;
  }
  return `cannot listen on ${host} port ${port} (${code}): check --host and --port`;
}

export interface MainHooks {
  /** Runs after the configuration is validated and before the server starts (e.g. build the dashboard). */
  prepare?: () => Promise<void>;
}

export async function main(argv = process.argv.slice(2), hooks: MainHooks = {}): Promise<void> {
  let values: { config?: string; host?: string; port?: string; demo?: boolean; help?: boolean; notify?: string; 'data-dir'?: string };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        config: { type: 'string' },
        host: { type: 'string' },
        port: { type: 'string' },
        demo: { type: 'boolean' },
        notify: { type: 'string' },
        'data-dir': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }));
  } catch (e) {
    fail(`${(e as Error).message}\n${USAGE}`);
  }
  if (values.help) {
    process.stdout.write(USAGE);
    return;
  }
  if (!values.config && !values.demo) fail(`nothing to monitor: pass --config FILE or --demo\n${USAGE}`);
  let port: number | undefined;
  if (values.port !== undefined) {
    port = parsePort(values.port) ?? fail(`--port must be a whole number from 0 to 65535 (0 picks a free port), not "${values.port}"`);
  }
  if (values.host !== undefined && unbracketHost(values.host) === '') fail('--host needs an address, such as 127.0.0.1 or 0.0.0.0');

  if (values.notify !== undefined && values.notify !== 'desktop' && values.notify !== 'log') fail(`--notify must be "desktop" or "log", not "${values.notify}"`);
  let settings: Settings;
  const warnings: string[] = [];
  try {
    settings = values.config ? loadConfigFile(values.config, process.env, (w) => warnings.push(w)) : SettingsSchema.parse({});
    if (values.config) {
      const literal = literalSecretFields(settings);
      const problem = checkConfigFilePermissions(values.config, literal.length > 0);
      if (problem) throw new ConfigError(namingSecretFields(problem, values.config, literal));
    }
  } catch (e) {
    if (e instanceof ConfigError) fail(e.message);
    throw e;
  }

  // Refused before anything is built: listening beyond this machine needs a token.
  const host = unbracketHost(values.host ?? settings.server.host ?? '127.0.0.1');
  if (host === '') fail(`${values.config}: field "server.host": needs an address, such as 127.0.0.1 or 0.0.0.0 (or leave it out)`);
  const listenPort = port ?? settings.server.port ?? 8787;
  if (!isLoopbackHost(host) && !resolveSecret(settings.server.accessToken)) fail(noTokenMessage(host));
  await hooks.prepare?.();
  const log = createLogger({ scope: 'collector' });
  for (const w of warnings) log.warn(w);
  let collector;
  try {
    const dataDir = values['data-dir'] ?? (values.config ? dirname(resolve(values.config)) : undefined);
    collector = await startCollector({
      settings,
      configPath: values.config ?? null,
      host,
      port: listenPort,
      demo: values.demo,
      logger: log,
      notify: values.notify as 'desktop' | 'log' | undefined,
      alertHistoryPath: dataDir ? join(dataDir, `${values.config ? basename(values.config, '.json') : 'collector'}.alert-history.json`) : undefined,
    });
  } catch (e) {
    if (e instanceof ConfigError) fail(e.message);
    if (isListenError(e)) fail(listenProblem(e, host, listenPort), 1);
    throw e;
  }
  process.stdout.write(`collector listening on ${collector.url}\n`);
  process.stdout.write(`dashboard: ${collector.url}/${settings.server.accessToken ? '?token=<access token>' : ''}\n`);
  if (values.demo) process.stdout.write(`demo sources: ${collector.engine.sourceIds().join(', ') || '(none)'}\n`);

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info(`${signal}: shutting down`);
    const force = setTimeout(() => {
      log.warn('shutdown took too long; exiting');
      process.exit(1);
    }, 4500);
    force.unref();
    collector.stop().then(
      () => process.exit(0),
      (e) => {
        log.error('shutdown failed', e);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

/** The permissions refusal, naming the fields that hold a literal secret (never their values). */
function namingSecretFields(problem: string, path: string, fields: string[]): string {
  if (fields.length === 0) return problem;
  const list = fields.length === 1 ? fields[0]! : `${fields.slice(0, -1).join(', ')} and ${fields.at(-1)}`;
  const said = `${path} holds secrets`;
  return problem.startsWith(said) ? `${said} in ${list}${problem.slice(said.length)}` : `${problem} (literal secrets: ${list})`;
}
