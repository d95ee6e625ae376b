/**
 * `npm run collector -- --config FILE [--host H] [--port N] [--demo]` and `npm run demo`.
 * Prints exactly one `collector listening on http://HOST:PORT` line once requests are accepted;
 * SIGINT/SIGTERM stop it cleanly within 5 s; invalid configuration exits with code 2.
 */
import { parseArgs } from 'node:util';
import { basename, dirname, join, resolve } from 'node:path';
import { SettingsSchema, type Settings } from '../shared/settings';
import { createLogger } from '../core/util/logger';
import { ConfigError, loadConfigFile, resolveSecret } from './config';
import { noTokenMessage, startCollector } from './collector';
import { isLoopbackHost } from '../shared/sources';
import { checkConfigFilePermissions, configHasLiteralSecrets } from '../core/settings/file-permissions';

const USAGE = `usage: collector --config FILE [--host H] [--port N] [--demo]
       collector --demo [--host H] [--port N]

  --config FILE   JSON configuration (sources, alerts, server); secrets may be "env:NAME"
  --host H        address to listen on (default 127.0.0.1; others require server.accessToken)
  --port N        port (default 8787; 0 picks a free one)
  --demo          add the vendor simulators on loopback as demo sources
  --notify MODE   "desktop" (OS notifications) or "log" (log lines only); default: desktop when a
                  display is available
  --data-dir DIR  keep the alert history in DIR (default: next to the configuration file)
`;

function fail(message: string, code = 2): never {
  process.stderr.write(`collector: ${message}\n`);
  process.exit(code);
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
    port = Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port must be a number from 0 to 65535, not "${values.port}"`);
  }

  if (values.notify !== undefined && values.notify !== 'desktop' && values.notify !== 'log') fail(`--notify must be "desktop" or "log", not "${values.notify}"`);
  let settings: Settings;
  const warnings: string[] = [];
  try {
    settings = values.config ? loadConfigFile(values.config, process.env, (w) => warnings.push(w)) : SettingsSchema.parse({});
    if (values.config) {
      const problem = checkConfigFilePermissions(values.config, configHasLiteralSecrets(settings.sources, settings.server.accessToken));
      if (problem) throw new ConfigError(problem);
    }
  } catch (e) {
    if (e instanceof ConfigError) fail(e.message);
    throw e;
  }

  // Refused before anything is built: listening beyond this machine needs a token.
  const host = values.host ?? settings.server.host ?? '127.0.0.1';
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
      host: values.host,
      port,
      demo: values.demo,
      logger: log,
      notify: values.notify as 'desktop' | 'log' | undefined,
      alertHistoryPath: dataDir ? join(dataDir, `${values.config ? basename(values.config, '.json') : 'collector'}.alert-history.json`) : undefined,
    });
  } catch (e) {
    if (e instanceof ConfigError) fail(e.message);
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'EADDRINUSE') fail(`port ${port ?? settings.server.port ?? 8787} is already in use: pass --port 0 or another port`, 1);
    if (err.code === 'EADDRNOTAVAIL') fail(`cannot listen on ${values.host}: this machine has no such address`, 1);
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

