/**
 * Which Socket.IO protocol the Axialys server speaks. A v4 client cannot talk to a v2 server and vice
 * versa, and the docs (2017–2019) do not say. The Engine.IO handshake tells: `GET
 * {origin}{path}?EIO=4&transport=polling&b64=1` answers `0{…}` from Engine.IO 4 and a length-prefixed
 * `96:0{…}` from Engine.IO 3 (Socket.IO v2). The answer is remembered per host (engine-wide) and
 * forgotten after repeated connection failures.
 */
import type { Clock } from '../../util/clock';
import type { FetchLike } from '../types';
import { request } from './http';

export type SioVersion = 'v2' | 'v4';

export interface ProbeMemo {
  version: SioVersion;
  /** Consecutive sessions that failed to connect with that version. */
  failures: number;
}

/** After this many failed sessions in a row the remembered version is probed again. */
export const REPROBE_AFTER = 3;

const memoKey = (origin: string) => `axialys:socketio:${origin}`;

/** Reads an Engine.IO handshake body; null when it is neither shape. */
export function classifyHandshake(body: string): SioVersion | null {
  const t = body.trimStart();
  if (t.startsWith('0{')) return 'v4';
  if (/^\d+:0\{/.test(t)) return 'v2';
  return null;
}

export async function probeVersion(fetchImpl: FetchLike, clock: Clock, origin: string, path: string, signal?: AbortSignal): Promise<SioVersion | null> {
  const url = `${origin}${path}?EIO=4&transport=polling&b64=1`;
  const answer = await request(fetchImpl, clock, url, { method: 'GET' }, 'the Socket.IO handshake', signal);
  return classifyHandshake(answer.text);
}

export function rememberedVersion(shared: Map<string, unknown>, origin: string): ProbeMemo | null {
  const memo = shared.get(memoKey(origin)) as ProbeMemo | undefined;
  return memo && memo.failures < REPROBE_AFTER ? memo : null;
}

/** The version last used with `origin`, even one given up after failures (null: none yet). */
export function lastVersion(shared: Map<string, unknown>, origin: string): SioVersion | null {
  return (shared.get(memoKey(origin)) as ProbeMemo | undefined)?.version ?? null;
}

export function rememberVersion(shared: Map<string, unknown>, origin: string, version: SioVersion): void {
  shared.set(memoKey(origin), { version, failures: 0 } satisfies ProbeMemo);
}

/** Counts a failed or successful connection with the remembered version. */
export function noteConnect(shared: Map<string, unknown>, origin: string, ok: boolean): void {
  const memo = shared.get(memoKey(origin)) as ProbeMemo | undefined;
  if (memo) memo.failures = ok ? 0 : memo.failures + 1;
}
