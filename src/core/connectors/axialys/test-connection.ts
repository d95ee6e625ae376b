/**
 * "Test connection": log in, find the Socket.IO version, open the notification socket and `init` it,
 * then close — without touching the live state. The result says what worked or what to fix.
 */
import type { TestResult } from '../../../shared/bridge';
import type { AxialysSourceConfig } from '../../../shared/sources';
import type { ConnectorContext } from '../types';
import { failedTest } from '../errors';
import { AxialysAuth, type AuthSession } from './auth';
import { socketFactoryOf } from './connector';
import { probeVersion, rememberVersion, rememberedVersion, type SioVersion } from './probe';
import { socketEndpoint } from './socket';
import { problem, type Problem } from '../../../shared/problems';
import { said } from '../../../shared/test-outcomes';

const OPEN_TIMEOUT_MS = 10_000;
/** After `init`, how long the socket must stay open to count as accepted. */
const SETTLE_MS = 1500;

type SocketOutcome = { ok: true; updates: number } | { ok: false; why: string; problem: Problem };

export async function testConnection(ctx: ConnectorContext<AxialysSourceConfig>): Promise<TestResult> {
  const { config } = ctx;
  let auth: AuthSession;
  try {
    auth = await new AxialysAuth({ config, fetch: ctx.fetch, clock: ctx.clock }).login();
  } catch (e) {
    return failedTest(e);
  }
  const { origin, path } = socketEndpoint(config.socketUrl);
  let version: SioVersion;
  try {
    version = config.socketIo !== 'auto' ? config.socketIo : (rememberedVersion(ctx.shared, origin)?.version ?? (await probeVersion(ctx.fetch, ctx.clock, origin, path)) ?? 'v2');
    if (config.socketIo === 'auto') rememberVersion(ctx.shared, origin, version);
  } catch (e) {
    return failedTest(e);
  }
  const dir = auth.directory;
  const details = {
    mode: config.mode,
    socketIo: version,
    operators: dir?.ops.size ?? null,
    queues: dir?.groupes.size ?? null,
    trunks: dir?.trunks.size ?? null,
    pauses: dir?.pauses.size ?? null,
    tokenExpiresAt: new Date(auth.expiresAt).toISOString(),
  };
  const outcome = await openAndInit(ctx, version, origin, path, auth);
  if (!outcome.ok) {
    return { ok: false, message: `Axialys accepted the login, but the notification socket at ${origin} (Socket.IO ${version}) ${outcome.why}`, problem: outcome.problem, details };
  }
  const names = dir ? `: ${count(dir.ops.size, 'operator')}, ${count(dir.groupes.size, 'queue')}, ${count(dir.trunks.size, 'trunk')}` : '';
  return {
    ok: true,
    message: `Connected to Axialys as ${config.mode === 'api' ? 'API account' : 'supervisor'} "${config.login}"${names}; the notification socket (Socket.IO ${version}) accepted the session`,
    summary: said(config.mode === 'api' ? 'axialys_api' : 'axialys_supervisor', { login: config.login, version }),
    details: { ...details, updatesSeen: outcome.updates },
  };
}

function openAndInit(ctx: ConnectorContext<AxialysSourceConfig>, version: SioVersion, origin: string, path: string, auth: AuthSession): Promise<SocketOutcome> {
  const socket = socketFactoryOf(ctx)(version, origin, path);
  return new Promise((resolve) => {
    let updates = 0;
    let opened = false;
    let done = false;
    const finish = (o: SocketOutcome) => {
      if (done) return;
      done = true; // closing below emits `disconnect` synchronously
      ctx.clock.clearTimeout(timer);
      resolve(o);
      socket.close();
    };
    let timer = ctx.clock.setTimeout(() => finish({ ok: false, why: `did not open within ${OPEN_TIMEOUT_MS / 1000} s`, problem: problem('socket_timeout', { seconds: OPEN_TIMEOUT_MS / 1000 }) }), OPEN_TIMEOUT_MS);
    socket.on('connect', () => {
      opened = true;
      socket.emit('init', 'supervisor', auth.target, auth.idSession);
      ctx.clock.clearTimeout(timer);
      timer = ctx.clock.setTimeout(() => finish({ ok: true, updates }), SETTLE_MS);
    });
    socket.on('update', () => updates++);
    socket.on('connect_error', (e) => finish({ ok: false, why: `could not be opened (${e?.message || 'refused'}); check socketUrl and the Socket.IO version`, problem: problem('socket_refused') }));
    socket.on('disconnect', (reason) =>
      finish(
        opened
          ? { ok: false, why: `was closed by the server after init (${reason}): the session was not accepted`, problem: problem('socket_not_accepted') }
          : { ok: false, why: `closed (${reason})`, problem: problem('socket_closed') },
      ),
    );
  });
}

const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;
