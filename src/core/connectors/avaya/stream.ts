/**
 * One measure producer's live stream: its subscription (ACTIVE), the WebSocket, the authentication
 * handshake with every failure status of the seed, the heartbeat, and the frames: INITIALIZING ones
 * build a snapshot that replaces the producer's entities, LIVE ones apply deltas.
 */
import type WebSocket from 'ws';
import type { AvayaSourceConfig } from '../../../shared/sources';
import type { TimerHandle } from '../../util/clock';
import { abortError } from '../../util/clock';
import { configError, transientError } from '../errors';
import type { ConnectorContext } from '../types';
import { endpointProblem, LABEL, type AvayaSettings } from './config';
import type { MeasureCatalog } from './catalog';
import type { Token, TokenManager } from './auth';
import { Heartbeat, heartbeatTimings } from './heartbeat';
import { normalizeFrame } from './normalize';
import { SnapshotTracker } from './snapshot';
import { MAX_FRAME, openSocket, type WebSocketFactory } from './socket';
import type { OwnedSubscription, SubscriptionManager } from './subscriptions';
import { AuthResponseSchema, canonical, parseDataFrame } from './wire';
import { closeSocket } from '../close-socket';

export interface StreamDeps {
  ctx: ConnectorContext<AvayaSourceConfig>;
  settings: AvayaSettings;
  tokens: TokenManager;
  subs: SubscriptionManager;
  webSocket: WebSocketFactory;
  catalog(producerId: string): MeasureCatalog | undefined;
  labels(producerId: string): boolean;
  /** True the first time a failure of this kind happens since the last confirmed connection. */
  firstFailure(kind: 'token' | 'subscription'): boolean;
  onConfirmed(producerId: string): void;
}

export class ProducerStream {
  private heartbeat: Heartbeat | null = null;
  confirmed = false;

  constructor(
    private readonly deps: StreamDeps,
    readonly producerId: string,
  ) {}

  /** Resume from sleep: ping now. */
  check(): void {
    this.heartbeat?.checkNow();
  }

  /** Runs until the stream fails; always rejects (with an AbortError once `signal` aborts). */
  async run(signal: AbortSignal): Promise<never> {
    const { subs, tokens, settings, ctx } = this.deps;
    const sub = await subs.ensureActive(this.producerId, signal);
    if (!sub.endpoint) {
      subs.forget(this.producerId);
      throw transientError(`${LABEL}: the subscription for ${this.producerId} has no WebSocket endpoint; creating a new one`).as('subscription_renewing');
    }
    const refused = endpointProblem(sub.endpoint, settings.baseUrl, settings.allowInsecure);
    if (refused) {
      throw configError(
        `${LABEL}: the subscription for ${this.producerId} names a WebSocket endpoint on ${refused.host}, which was not opened because ${refused.reason}: the access token goes only to the API's own hosts. Check the API base URL or region in the Sources view.`,
      ).as('stream_endpoint_refused', { host: refused.host });
    }
    const token = await tokens.get(signal);
    const ws = await openSocket(this.deps.webSocket, sub.endpoint, { appkey: settings.appKey }, ctx.clock, settings.timings.openTimeoutMs, this.producerId, signal);
    return this.converse(ws, sub, token, signal);
  }

  private converse(ws: WebSocket, sub: OwnedSubscription, token: Token, signal: AbortSignal): Promise<never> {
    const { ctx, settings, tokens, subs } = this.deps;
    const { clock, health, log } = ctx;
    const producer = this.producerId;
    return new Promise<never>((_resolve, reject) => {
      let tracker: SnapshotTracker | null = null;
      let quiet: TimerHandle | null = null;
      let settled = false;
      const finish = (err: unknown) => {
        if (settled) return;
        settled = true;
        clock.clearTimeout(authTimer);
        clock.clearTimeout(quiet);
        this.heartbeat?.stop();
        this.heartbeat = null;
        signal.removeEventListener('abort', onAbort);
        closeSocket(ws, signal.aborted, ctx.clock);
        reject(err);
      };
      const onAbort = () => finish(abortError());
      signal.addEventListener('abort', onAbort, { once: true });

      const authTimer = clock.setTimeout(
        () =>
          finish(
            transientError(
              `${LABEL}: the ${producer} WebSocket did not answer the authentication within ${Math.round(settings.timings.authTimeoutMs / 1000)} s; reconnecting`,
            ).as('feed_silent'),
          ),
        settings.timings.authTimeoutMs,
      );

      const endSnapshot = () => {
        clock.clearTimeout(quiet);
        quiet = null;
        if (!tracker?.inProgress) return;
        const agents = tracker.size('agents');
        const queues = tracker.size('queues');
        ctx.emit(tracker.finish());
        log.info(`${producer}: snapshot complete (${agents} agents, ${queues} queues)`);
      };
      const armQuiet = (ms: number) => {
        clock.clearTimeout(quiet);
        quiet = clock.setTimeout(endSnapshot, ms);
      };

      const onAuthResponse = (rawStatus: string | null) => {
        if (this.confirmed) return health.unknown('authenticationResponse after confirmation');
        clock.clearTimeout(authTimer);
        const status = canonical(rawStatus ?? '');
        const shown = rawStatus ?? 'no status';
        if (status.endsWith('CONFIRMED')) {
          this.confirmed = true;
          const hb = heartbeatTimings(settings.pingSec, sub.pingIntervalSec, settings.timings.pongTimeoutMs);
          this.heartbeat = new Heartbeat(clock, ws, hb.intervalMs, hb.timeoutMs, () =>
            finish(transientError(`${LABEL}: the ${producer} stream did not answer a heartbeat within ${Math.round(hb.timeoutMs / 1000)} s; reconnecting`, null, true).as('feed_silent')),
          );
          this.heartbeat.start();
          tracker = new SnapshotTracker(producer);
          armQuiet(settings.timings.emptySnapshotMs);
          log.info(`${producer}: WebSocket connected (subscription ${sub.id})`);
          this.deps.onConfirmed(producer);
        } else if (status.endsWith('INVALIDTOKEN')) {
          tokens.invalidate(token.value);
          // A routine token change: retry at once the first time (shown as degraded, not down).
          const first = this.deps.firstFailure('token');
          finish(transientError(`${LABEL}: the ${producer} WebSocket refused the access token (${shown}); retrying with a new token`, first ? clock.now() : null, first).as('feed_refused'));
        } else if (status.endsWith('UNKNOWNSUBSCRIPTION')) {
          subs.forget(producer);
          const first = this.deps.firstFailure('subscription');
          finish(
            transientError(`${LABEL}: the ${producer} WebSocket does not know subscription ${sub.id} (${shown}); creating a new subscription`, first ? clock.now() : null, first).as(
              'subscription_renewing',
            ),
          );
        } else if (status.endsWith('INTERNALSERVERERROR')) {
          finish(transientError(`${LABEL}: the ${producer} WebSocket reported an internal server error (${shown}); retrying with backoff`).as('service_error'));
        } else if (status.endsWith('CONSTRAINTVIOLATION')) {
          finish(
            configError(`${LABEL}: the ${producer} WebSocket refused the request as malformed (${shown}): check the account id and the measure producer in the Sources view`).as(
              'config_refused',
            ),
          );
        } else {
          finish(transientError(`${LABEL}: the ${producer} WebSocket answered the authentication with an unexpected status (${shown}); retrying`).as('bad_answer'));
        }
      };

      const onData = (json: object) => {
        if (!this.confirmed || !tracker) return health.rejected(`${producer}: data before the authentication was confirmed`, json);
        const parsed = parseDataFrame(json);
        if (!parsed.success) return health.rejected(`${producer}: malformed data frame (${parsed.error.issues[0]?.message ?? 'invalid'})`, json);
        const now = clock.now();
        const frame = normalizeFrame(parsed.data, {
          producerId: producer,
          catalog: this.deps.catalog(producer),
          labels: this.deps.labels(producer),
          now,
        });
        if (!frame) return health.rejected(`${producer}: data frame without usable keys`, json);
        const wasOpen = tracker.inProgress;
        const events = tracker.accept(frame);
        if (wasOpen && !tracker.inProgress) {
          clock.clearTimeout(quiet);
          quiet = null;
          log.info(`${producer}: snapshot complete (${tracker.size('agents')} agents, ${tracker.size('queues')} queues)`);
        } else if (tracker.inProgress) {
          armQuiet(settings.timings.snapshotQuietMs);
        }
        ctx.emit(events, now);
      };

      ws.on('message', (data: WebSocket.RawData, isBinary: boolean) => {
        if (settled) return;
        if (isBinary) return health.rejected(`${producer}: binary frame`);
        const text = data.toString();
        let json: unknown;
        try {
          json = JSON.parse(text);
        } catch {
          return health.rejected(`${producer}: frame is not JSON`, text);
        }
        if (!json || typeof json !== 'object' || Array.isArray(json)) return health.rejected(`${producer}: frame is not a JSON object`, text);
        const event = (json as { event?: unknown }).event;
        if (typeof event === 'string') {
          const parsed = AuthResponseSchema.safeParse(json);
          if (canonical(event) === 'AUTHENTICATIONRESPONSE' && parsed.success) return onAuthResponse(parsed.data.status);
          return health.unknown(`event ${event.slice(0, 60)}`);
        }
        onData(json);
      });
      ws.on('pong', () => this.heartbeat?.pong());
      ws.on('error', (e: Error & { code?: string }) => {
        log.debug(`${producer}: WebSocket error: ${e.message}`);
        // A frame over the size read (the socket then closes with 1009 and is opened again).
        if (e.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') health.rejected(`${producer}: a frame larger than ${MAX_FRAME / (1024 * 1024)} MB, not read; reconnecting`);
      });
      ws.on('close', (code: number, reason: Buffer) => {
        const why = reason.toString().slice(0, 120);
        finish(transientError(`${LABEL}: the ${producer} stream closed (code ${code}${why ? `: ${why}` : ''}); reconnecting`, null, this.confirmed).as('feed_closed'));
      });
      ws.send(JSON.stringify({ event: 'authentication', subscriptionId: sub.id, token: token.value }), (err) => {
        if (err) finish(transientError(`${LABEL}: the ${producer} authentication could not be sent (${err.message}); reconnecting`).as('feed_closed'));
      });
    });
  }
}
