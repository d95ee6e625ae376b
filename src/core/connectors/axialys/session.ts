/**
 * One Axialys session: log in, pick the Socket.IO version, hold the notification socket (re-`init` on
 * every connect and whenever `id_session` changes), renew the token at 80 % of its life (refresh,
 * then a full login if refresh fails), and react to missed events (degraded + re-sync of names).
 * Short socket drops reconnect here with the same token; repeated failures end the session so the
 * Supervisor backs off and the next session logs in and probes again.
 */
import type { AxialysSourceConfig } from '../../../shared/sources';
import { Backoff } from '../backoff';
import { classify, transientError, type ConnectorError } from '../errors';
import type { ConnectorContext } from '../types';
import type { TimerHandle } from '../../util/clock';
import { abortError } from '../../util/clock';
import type { AuthSession, AxialysAuth } from './auth';
import type { Feed, Gap } from './feed';
import { lastVersion, noteConnect, probeVersion, rememberVersion, rememberedVersion, type SioVersion } from './probe';
import { socketEndpoint, type AxSocket, type AxSocketFactory } from './socket';
import { problem } from '../../../shared/problems';

export const RENEW_AT = 0.8;
export const CONNECT_TIMEOUT_MS = 12_000;
/** Failed connects in a row before the session ends (and the version is probed again later). */
export const MAX_CONNECT_FAILURES = 3;
/** How long a detected gap keeps the source degraded. */
export const GAP_HOLD_MS = 60_000;
/** At most one names re-sync per this interval, however many gaps. */
export const RESYNC_MIN_INTERVAL_MS = 30_000;

type Connected = { kind: 'connected'; closed: Promise<string> } | { kind: 'failed'; error: string };

export class AxialysSession {
  private socket: AxSocket | null = null;
  private connected = false;
  private auth: AuthSession | null = null;
  private readonly timers = new Set<TimerHandle>();
  private failWith: (e: ConnectorError) => void = () => undefined;
  private onAbort: () => void = () => undefined;
  private readonly failed: Promise<never>;
  private wake: (() => void) | null = null;
  private resyncing = false;
  private lastResyncAt = -Infinity;
  private renewals = 0;
  private renewTimer: TimerHandle | null = null;
  private ended = false;
  /** Aborts background requests (renewal, re-sync) when the session ends. */
  private readonly background = new AbortController();

  constructor(
    private readonly ctx: ConnectorContext<AxialysSourceConfig>,
    private readonly authClient: AxialysAuth,
    private readonly feed: Feed,
    private readonly factory: AxSocketFactory,
  ) {
    this.failed = new Promise<never>((_, reject) => (this.failWith = reject));
    this.failed.catch(() => undefined);
  }

  /** Resume from sleep / manual check: cut a reconnect wait short. */
  check(): void {
    this.wake?.();
  }

  async run(signal: AbortSignal, live: () => void): Promise<void> {
    const { clock, health, log, config } = this.ctx;
    const aborted = new Promise<never>((_, reject) => {
      this.onAbort = () => {
        this.socket?.close();
        reject(abortError());
      };
      signal.addEventListener('abort', this.onAbort, { once: true });
    });
    aborted.catch(() => undefined);
    try {
      this.adopt(await this.authClient.login(signal));
      const { origin, path } = socketEndpoint(config.socketUrl);
      const version = await this.chooseVersion(origin, path, signal);
      const backoff = new Backoff({ baseMs: 1000, capMs: 30_000, random: this.ctx.random });
      let failures = 0;
      let quickDrops = 0;
      while (!signal.aborted) {
        const outcome = await Promise.race([this.connect(version, origin, path), this.failed, aborted]);
        if (signal.aborted) return;
        if (outcome.kind === 'failed') {
          if (config.socketIo === 'auto') noteConnect(this.ctx.shared, origin, false);
          if (++failures >= MAX_CONNECT_FAILURES) {
            throw transientError(`Axialys: could not open the notification socket at ${origin} (Socket.IO ${version}): ${outcome.error}; retrying`).as('feed_failed');
          }
          health.setStatus('connecting', `Axialys: the notification socket did not open (${outcome.error}); retrying`, problem('feed_failed'));
          await this.wait(backoff.next(), signal);
          continue;
        }
        failures = 0;
        if (config.socketIo === 'auto') noteConnect(this.ctx.shared, origin, true);
        const upAt = clock.now();
        live();
        this.holdDegraded();
        const reason = await Promise.race([outcome.closed, this.failed, aborted]);
        if (signal.aborted) return;
        const upMs = clock.now() - upAt;
        backoff.sessionEnded(upMs);
        if (reason === 'io server disconnect') {
          // The server dropped us: the session may have expired or been refused. Log in again.
          quickDrops = upMs < 10_000 ? quickDrops + 1 : 1;
          if (quickDrops >= MAX_CONNECT_FAILURES) {
            throw transientError('Axialys keeps closing the notification feed right after it opens (the session is not accepted from this address?); retrying later').as('feed_rejected');
          }
          health.setStatus('connecting', 'Axialys closed the notification feed; logging in again', problem('session_expired'));
          log.info('the server closed the notification socket; logging in again');
          this.adopt(await this.authClient.login(signal));
        } else {
          health.setStatus('connecting', `Axialys: the notification socket closed (${reason}); reconnecting`, problem('feed_closed'));
          log.info(`notification socket closed (${reason}); reconnecting`);
        }
        await this.wait(backoff.next(), signal);
      }
    } finally {
      this.ended = true;
      this.background.abort();
      signal.removeEventListener('abort', this.onAbort);
      for (const t of this.timers) clock.clearTimeout(t);
      this.timers.clear();
      this.socket?.close();
      this.socket = null;
      this.connected = false;
    }
  }

  private async chooseVersion(origin: string, path: string, signal: AbortSignal): Promise<SioVersion> {
    const { config, health, log } = this.ctx;
    let version: SioVersion;
    let how: string;
    if (config.socketIo !== 'auto') {
      version = config.socketIo;
      how = 'configured';
    } else {
      const memo = rememberedVersion(this.ctx.shared, origin);
      if (memo) {
        version = memo.version;
        how = 'detected';
      } else {
        const found = await probeVersion(this.ctx.fetch, this.ctx.clock, origin, path, signal);
        // Unrecognised handshake: the docs date from the Socket.IO 2 era, so try v2 first; after
        // repeated failures with one version (see REPROBE_AFTER), the other.
        const failed = lastVersion(this.ctx.shared, origin);
        version = found ?? (failed === 'v2' ? 'v4' : 'v2');
        how = found ? 'detected' : 'assumed';
        if (!found) log.warn(`the Socket.IO handshake at ${origin}${path} was not recognised; assuming Socket.IO ${version}${failed ? ` (${failed} failed repeatedly)` : ''}`);
        rememberVersion(this.ctx.shared, origin, version);
      }
    }
    health.setMode(`Socket.IO ${version}`);
    health.setInfo('socketIo', `${version} (${how})`);
    return version;
  }

  private connect(version: SioVersion, origin: string, path: string): Promise<Connected> {
    const { clock } = this.ctx;
    this.socket?.close();
    const s = this.factory(version, origin, path);
    this.socket = s;
    return new Promise((resolve) => {
      let settled = false;
      let closedResolve: (reason: string) => void = () => undefined;
      const closed = new Promise<string>((r) => (closedResolve = r));
      const settle = (v: Connected) => {
        if (settled) return;
        settled = true;
        clock.clearTimeout(timer);
        this.timers.delete(timer);
        if (v.kind === 'failed') s.close();
        resolve(v);
      };
      const timer = clock.setTimeout(() => settle({ kind: 'failed', error: `no answer within ${CONNECT_TIMEOUT_MS / 1000} s` }), CONNECT_TIMEOUT_MS);
      this.timers.add(timer);
      s.on('connect', () => {
        if (this.socket !== s) return;
        this.connected = true;
        this.feed.connected();
        this.sendInit(); // on EVERY connect (the doc's demo does the same)
        settle({ kind: 'connected', closed });
      });
      s.on('connect_error', (e) => settle({ kind: 'failed', error: e?.message || 'connection refused' }));
      s.on('disconnect', (reason) => {
        if (this.socket === s) this.connected = false;
        closedResolve(String(reason));
        settle({ kind: 'failed', error: `closed before it opened (${String(reason)})` });
      });
      s.on('update', (data) => {
        if (this.socket !== s || this.ended) return;
        const gap = this.feed.handle(data);
        if (gap) this.onGap(gap);
      });
    });
  }

  private sendInit(): void {
    if (!this.socket || !this.auth) return;
    this.socket.emit('init', 'supervisor', this.auth.target, this.auth.idSession);
    this.ctx.log.debug('notification feed initialised');
  }

  /** Takes a new auth answer: names, token facts, re-init when the session id changed, next renewal. */
  private adopt(auth: AuthSession): void {
    const { health, clock } = this.ctx;
    const changed = this.auth !== null && this.auth.idSession !== auth.idSession;
    this.auth = auth;
    if (auth.directory) this.feed.applyDirectory(auth.directory);
    health.setInfo('authMode', this.ctx.config.mode);
    health.setInfo('tokenExpiresAt', new Date(auth.expiresAt).toISOString());
    health.setInfo('authRequests', this.authClient.requests);
    if (auth.expireFallback) this.ctx.log.info('token expiry not readable; assuming 2 h');
    if (changed && this.connected) this.sendInit();
    const due = Math.max(1000, auth.receivedAt + auth.lifetimeMs * RENEW_AT - clock.now());
    this.scheduleRenewal(due);
  }

  private async renew(): Promise<void> {
    if (this.ended || !this.auth) return;
    const { log, clock, health } = this.ctx;
    const current = this.auth;
    let next: AuthSession;
    try {
      next = await this.authClient.refresh(current, this.background.signal);
    } catch (e) {
      log.info(`token refresh failed (${classify(e).message}); logging in again`);
      try {
        next = await this.authClient.login(this.background.signal);
      } catch (e2) {
        if (this.ended) return;
        const err = classify(e2);
        const left = current.expiresAt - clock.now();
        if (err.kind === 'auth' || left <= 5000) return this.failWith(err.kind === 'auth' ? err : transientError(`Axialys: the session expired and could not be renewed (${err.message})`).as('session_expired'));
        log.warn(`session renewal failed (${err.message}); trying again before it expires`);
        this.scheduleRenewal(Math.min(30_000, Math.max(1000, left / 2)));
        return;
      }
    }
    if (this.ended) return;
    this.renewals++;
    health.setInfo('tokenRenewals', this.renewals);
    this.adopt(next);
  }

  private onGap(gap: Gap): void {
    const { health, clock, log } = this.ctx;
    const message = `Axialys: ${gap.missed} event${gap.missed === 1 ? ' was' : 's were'} missed (event counter jumped from ${gap.from} to ${gap.to}); operator and queue states may be incomplete until they next change. Names are being re-synchronised`;
    log.warn(message);
    this.feed.gapUntil = clock.now() + GAP_HOLD_MS;
    this.feed.gapMessage = message;
    this.feed.gapProblem = problem('missed_events', { count: gap.missed });
    health.setInfo('missedEvents', this.feed.missed);
    this.holdDegraded();
    void this.resync();
  }

  /** While a recent gap holds, the source reads degraded; live again once it has passed. */
  private holdDegraded(): void {
    const { health, clock } = this.ctx;
    const left = this.feed.gapUntil - clock.now();
    if (!this.feed.gapMessage || left <= 0) return;
    health.setStatus('degraded', this.feed.gapMessage, this.feed.gapProblem);
    this.schedule(left, () => {
      if (this.connected && clock.now() >= this.feed.gapUntil && health.status === 'degraded') {
        this.feed.gapMessage = null;
        this.feed.gapProblem = null;
        health.setStatus('live', null);
      }
    });
  }

  /** A fresh auth response: names again, and a new session id the socket is re-initialised with. */
  private async resync(): Promise<void> {
    const now = this.ctx.clock.now();
    if (this.resyncing || now - this.lastResyncAt < RESYNC_MIN_INTERVAL_MS) return;
    this.resyncing = true;
    this.lastResyncAt = now;
    try {
      const auth = await this.authClient.login(this.background.signal);
      if (!this.ended) this.adopt(auth);
    } catch (e) {
      if (this.ended) return;
      const err = classify(e);
      if (err.kind === 'auth') this.failWith(err);
      else this.ctx.log.warn(`re-sync after missed events failed: ${err.message}`);
    } finally {
      this.resyncing = false;
    }
  }

  private scheduleRenewal(ms: number): void {
    if (this.renewTimer) {
      this.ctx.clock.clearTimeout(this.renewTimer);
      this.timers.delete(this.renewTimer);
    }
    this.renewTimer = this.schedule(ms, () => {
      this.renewTimer = null;
      void this.renew();
    });
  }

  private schedule(ms: number, fn: () => void): TimerHandle | null {
    if (this.ended) return null;
    const h = this.ctx.clock.setTimeout(() => {
      this.timers.delete(h);
      if (!this.ended) fn();
    }, ms);
    this.timers.add(h);
    return h;
  }

  private wait(ms: number, signal: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      if (signal.aborted) return reject(abortError());
      const done = () => {
        this.ctx.clock.clearTimeout(h);
        this.timers.delete(h);
        signal.removeEventListener('abort', onAbort);
        this.wake = null;
      };
      const onAbort = () => {
        done();
        reject(abortError());
      };
      const h = this.ctx.clock.setTimeout(() => {
        done();
        resolve();
      }, ms);
      this.timers.add(h);
      this.wake = () => {
        done();
        resolve();
      };
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }
}
