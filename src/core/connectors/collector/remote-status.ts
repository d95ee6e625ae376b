/**
 * What the collector's own sources say about this source: `live` when every remote source is, and
 * `degraded` — connected, but part of the picture is missing or frozen — naming the remote sources
 * that are not, so a lead sees "Wolkvox Bogotá is down" and not only a quiet floor.
 */
import { problem, type Problem } from '../../../shared/problems';
import type { RemoteSource } from './wire';

export interface RemoteVerdict {
  status: 'live' | 'degraded';
  /** English detail for `lastError` (null when live). */
  message: string | null;
  problem: Problem | null;
  /** Remote sources counted as live (for the source's facts). */
  live: number;
}

const WORDS: Record<string, string> = {
  down: 'is down',
  auth_failed: 'cannot sign in',
  degraded: 'is degraded',
  connecting: 'is reconnecting',
};

/** Long enough for the gist of a remote error; the rest is on the collector's own dashboard. */
const MAX_REMOTE_ERROR = 160;

/**
 * A remote source the lead need not hear about: live, switched off on the collector (`stopped`), or
 * connecting for the first time. `connecting` with an error is a source between two failed attempts.
 */
export function remoteOk(s: Pick<RemoteSource, 'status' | 'lastError'>): boolean {
  return s.status === 'live' || s.status === 'stopped' || (s.status === 'connecting' && !s.lastError);
}

function describe(s: RemoteSource): string {
  const words = WORDS[s.status] ?? `is ${s.status}`;
  const error = s.lastError ? ` (${s.lastError.length > MAX_REMOTE_ERROR ? `${s.lastError.slice(0, MAX_REMOTE_ERROR)}…` : s.lastError})` : '';
  return `${s.name || s.id} ${words}${error}`;
}

export function remoteVerdict(sources: readonly RemoteSource[], label: string): RemoteVerdict {
  if (sources.length === 0) {
    return { status: 'degraded', message: `${label}: the collector has no sources; add them to its configuration`, problem: problem('collector_empty'), live: 0 };
  }
  const bad = sources.filter((s) => !remoteOk(s));
  const live = sources.filter((s) => s.status === 'live').length;
  if (bad.length === 0) return { status: 'live', message: null, problem: null, live };
  const names = bad.map((s) => s.name || s.id).join(', ');
  return {
    status: 'degraded',
    message: `${label}: ${bad.length} of the collector's ${sources.length} sources ${bad.length === 1 ? 'is' : 'are'} not live: ${bad.map(describe).join('; ')}`,
    problem: problem('collector_sources', { count: bad.length, sources: names }),
    live,
  };
}
