/**
 * One conversation with the collector's stream: its snapshot (the session is live from then on), then
 * patches; a later snapshot (the collector resynchronizes a client that fell behind) replaces
 * everything. Every byte received proves the link alive — a large snapshot over a slow link takes long
 * to arrive whole, and the snapshot's deadline counts from the last byte, not from the opening.
 * Unusable frames, and a frame's unusable entities, are one counted rejection each. It ends — always
 * by rejecting — when the stream closes, goes silent, or the source stops; the vendor alerts mirrored
 * meanwhile then outlive it for a bounded time only.
 */
import type WebSocket from 'ws';
import type { CollectorSourceConfig } from '../../../shared/sources';
import type { NormalizedEvent } from '../../state/events';
import { abortError } from '../../util/clock';
import type { Session } from '../supervisor';
import { transientError } from '../errors';
import type { ConnectorContext } from '../types';
import { LABEL, MAX_FRAME, type CollectorSettings } from './config';
import { LinkWatch, QuietDeadline } from './link';
import type { Mirror } from './mirror';
import { remoteVerdict, type RemoteVerdict } from './remote-status';
import { closeError, onBytes } from './socket';
import { frameType, parsePatch, parseSnapshot, rejectionReason, type Rejections } from './wire';
import { closeSocket } from '../close-socket';

/**
 * Messages a collector's stream carries for the dashboards it serves (docs/collector.md): a
 * notification, the settings after a change, a request to show an alert.
 */
const FOR_DASHBOARDS: ReadonlySet<string> = new Set(['notification', 'settings', 'navigate']);

export interface StreamDeps {
  ctx: ConnectorContext<CollectorSourceConfig>;
  settings: CollectorSettings;
  mirror: Mirror;
  /** The running link watch, for `check()` (null once the conversation ended). */
  onLink(link: LinkWatch | null): void;
}

type Live = Parameters<Session>[1];

export function converse(ws: WebSocket, deps: StreamDeps, signal: AbortSignal, live: Live): Promise<never> {
  const { ctx, settings, mirror } = deps;
  const { clock, health, log } = ctx;
  const { host, timings } = settings;
  return new Promise<never>((_resolve, reject) => {
    let settled = false;
    let snapshots = 0;
    const finish = (err: Error) => {
      if (settled) return;
      settled = true;
      snapshotDeadline.stop();
      link.stop();
      stopBytes();
      deps.onLink(null);
      signal.removeEventListener('abort', onAbort);
      closeSocket(ws, signal.aborted, ctx.clock);
      if (snapshots > 0) emit(mirror.linkLost());
      reject(err);
    };
    const onAbort = () => finish(abortError());
    const emit = (events: NormalizedEvent[], now?: number) => {
      if (events.length) ctx.emit(events, now);
    };
    const link = new LinkWatch(clock, () => ws.ping(), timings.pingIntervalMs, timings.pongTimeoutMs, () =>
      finish(transientError(`${LABEL}: ${host} stopped answering (nothing within ${Math.round(timings.pongTimeoutMs / 1000)} s of a ping); retrying`).as('feed_silent')),
    );
    const snapshotDeadline = new QuietDeadline(clock, timings.snapshotTimeoutMs, () =>
      finish(transientError(`${LABEL}: ${host} opened the stream but sent no snapshot (nothing received for ${Math.round(timings.snapshotTimeoutMs / 1000)} s); retrying`).as('feed_silent')),
    );
    const stopBytes = onBytes(ws, () => {
      link.heard();
      if (snapshots === 0) snapshotDeadline.heard();
    });

    /** A frame's unusable entities: one record, however many. */
    const rejectEntities = (rejected: Rejections, frame: 'snapshot' | 'patch') => {
      const reason = rejectionReason(rejected, frame);
      if (reason !== null) health.rejected(reason, rejected.first!.sample);
    };
    const verdict = () => remoteVerdict(mirror.remoteSources(), LABEL, mirror);
    const show = (verdict: RemoteVerdict) => {
      health.setInfo('sources', mirror.remoteSources().length);
      health.setInfo('sourcesLive', verdict.live);
      if (snapshots === 0) return;
      if (verdict.status === 'live') health.setStatus('live', null);
      else health.setStatus('degraded', verdict.message, verdict.problem);
    };

    const onSnapshot = (json: unknown) => {
      const parsed = parseSnapshot(json);
      if (!parsed.ok) {
        health.rejected(parsed.reason, json);
        // Patches only make sense over a snapshot: start again for a new one.
        return finish(transientError(`${LABEL}: ${host} sent a snapshot that cannot be read (${parsed.reason}); retrying`).as('bad_answer'));
      }
      rejectEntities(parsed.rejected, 'snapshot');
      const snap = parsed.value;
      emit(mirror.snapshot(snap, parsed.rejected), clock.now());
      const found = verdict();
      log.info(`${snapshots ? 'resynchronized' : 'connected'}: ${snap.sources.length} sources, ${snap.agents.length} agents, ${snap.queues.length} queues`);
      if (snapshots++ === 0) {
        snapshotDeadline.stop();
        live(found.status === 'degraded' ? { message: found.message!, problem: found.problem ?? undefined } : undefined);
      }
      show(found);
    };

    const onPatch = (json: unknown) => {
      if (snapshots === 0) return health.rejected('a patch before the snapshot', json);
      const parsed = parsePatch(json);
      if (!parsed.ok) return health.rejected(parsed.reason, json);
      rejectEntities(parsed.rejected, 'patch');
      const { events, statusChanged } = mirror.patch(parsed.value);
      emit(events);
      if (statusChanged) show(verdict());
    };

    ws.on('message', (data: WebSocket.RawData, isBinary: boolean) => {
      if (settled) return;
      link.heard();
      if (isBinary) return health.rejected('binary frame');
      const text = data.toString();
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        return health.rejected('frame is not JSON', text);
      }
      const type = frameType(json);
      if (type === 'snapshot') return onSnapshot(json);
      if (type === 'patch') return onPatch(json);
      if (type === null) return health.rejected('frame is not a JSON object with a type', text);
      // What the collector tells its dashboards (notifications, settings): understood, not mirrored.
      if (FOR_DASHBOARDS.has(type)) return;
      // Answers to commands (this source sends none) and messages of a newer collector.
      health.unknown(`message ${type.slice(0, 60)}`);
    });
    ws.on('ping', () => link.heard());
    ws.on('pong', () => link.heard());
    ws.on('error', (e: Error & { code?: string }) => {
      log.debug(`stream error: ${e.message}`);
      // A message over the size read (the socket then closes with 1009 and is opened again).
      if (e.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') health.rejected(`a message larger than ${MAX_FRAME / (1024 * 1024)} MB, not read; reconnecting`);
    });
    ws.on('close', (code: number, reason: Buffer) => finish(closeError(code, reason.toString(), host, settings.accessToken !== null, snapshots > 0)));
    signal.addEventListener('abort', onAbort, { once: true });
    link.start();
    snapshotDeadline.start();
    deps.onLink(link);
    ws.resume();
  });
}
