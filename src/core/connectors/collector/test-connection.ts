/**
 * "Test connection": open the collector's stream with the configured token, read its snapshot, and
 * say what it holds — what this source would mirror of it — without touching the live state. The
 * socket is closed as soon as the snapshot is read.
 */
import type WebSocket from 'ws';
import type { TestResult } from '../../../shared/bridge';
import { createMessages } from '../../../shared/i18n';
import type { CollectorSourceConfig } from '../../../shared/sources';
import { problem } from '../../../shared/problems';
import { said, TEST_TEXTS, type Said, type TestTextKey } from '../../../shared/test-outcomes';
import { abortError, isAbortError } from '../../util/clock';
import { registerSecret } from '../../util/redact';
import { failedTest, transientError } from '../errors';
import type { ConnectorContext } from '../types';
import { LABEL, resolveSettings, streamHeaders, type CollectorSettings } from './config';
import { insecureAddress } from './insecure';
import { QuietDeadline } from './link';
import { mirrors } from './mirror';
import { remoteOk } from './remote-status';
import { closeError, onBytes, openStream } from './socket';
import { frameType, parseSnapshot, type RemoteSnapshot } from './wire';

/** The English message says what the other languages do, from the same plural-aware texts. */
const english = createMessages<TestTextKey>('en', TEST_TEXTS.en, TEST_TEXTS.en);

export async function testConnection(ctx: ConnectorContext<CollectorSourceConfig>, signal: AbortSignal = new AbortController().signal): Promise<TestResult> {
  const settings = resolveSettings(ctx.config, ctx.factories);
  registerSecret(settings.accessToken);
  const { host } = settings;
  const insecure = insecureAddress(ctx.config);
  if (insecure) return failedTest(insecure, { host });
  let ws: WebSocket | null = null;
  try {
    ws = await openStream(settings, streamHeaders(settings.accessToken), ctx.clock, settings.timings.openTimeoutMs, signal);
    return outcome(await firstSnapshot(ws, settings, ctx, signal), host);
  } catch (e) {
    if (isAbortError(e)) return { ok: false, message: `${LABEL} connection test was cancelled.`, problem: problem('test_cancelled') };
    return failedTest(e, { host });
  } finally {
    ws?.removeAllListeners();
    ws?.on('error', () => undefined);
    ws?.terminate();
  }
}

function outcome(snap: RemoteSnapshot, host: string): TestResult {
  const sources = new Map(snap.sources.map((s) => [s.id, s]));
  // What the source would show: not what a remote collector source of the collector mirrors itself.
  const agents = snap.agents.filter((a) => mirrors(sources, a.sourceId)).length;
  const queues = snap.queues.filter((q) => mirrors(sources, q.sourceId)).length;
  const notLive = snap.sources.filter((s) => !remoteOk(s)).map((s) => s.name || s.id);
  const summary = said('collector', { host, count: snap.sources.length });
  const notes: Said[] = [said('collector_agents', { count: agents })];
  if (notLive.length) notes.push(said('collector_not_live', { sources: notLive.join(', ') }));
  return {
    ok: true,
    message: [summary, ...notes].map((s) => english.t(`test.${s.code}` as TestTextKey, s.params)).join(' '),
    summary,
    notes,
    details: { host, sources: snap.sources.length, agents, queues },
  };
}

/** The stream's first message, which must be its snapshot: awaited while its bytes keep coming (see stream.ts). */
function firstSnapshot(ws: WebSocket, settings: CollectorSettings, ctx: ConnectorContext<CollectorSourceConfig>, signal: AbortSignal): Promise<RemoteSnapshot> {
  const { clock } = ctx;
  const { host, timings } = settings;
  return new Promise((resolve, reject) => {
    const done = (err: Error | null, snap?: RemoteSnapshot) => {
      deadline.stop();
      stopBytes();
      signal.removeEventListener('abort', onAbort);
      ws.removeAllListeners('message');
      ws.removeAllListeners('close');
      if (err) reject(err);
      else resolve(snap!);
    };
    const onAbort = () => done(abortError());
    const deadline = new QuietDeadline(clock, timings.snapshotTimeoutMs, () =>
      done(transientError(`${LABEL}: ${host} opened the stream but sent no snapshot (nothing received for ${Math.round(timings.snapshotTimeoutMs / 1000)} s)`).as('feed_silent')),
    );
    const stopBytes = onBytes(ws, () => deadline.heard());
    ws.on('message', (data: WebSocket.RawData) => {
      let json: unknown = null;
      try {
        json = JSON.parse(data.toString());
      } catch {
        // Reported below as an unusable first message.
      }
      const parsed = frameType(json) === 'snapshot' ? parseSnapshot(json) : null;
      if (parsed?.ok) return done(null, parsed.value);
      done(transientError(`${LABEL}: ${host} answered, but not with a collector's snapshot (${parsed ? parsed.reason : 'the first message is not a snapshot'}): check the address in the Sources view`).as('bad_answer'));
    });
    ws.on('close', (code: number, reason: Buffer) => done(closeError(code, reason.toString(), host, settings.accessToken !== null, false)));
    signal.addEventListener('abort', onAbort, { once: true });
    deadline.start();
    ws.resume();
  });
}
