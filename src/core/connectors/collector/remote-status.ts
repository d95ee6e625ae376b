/**
 * What the collector's own sources say about this source: `live` when every remote source is, and
 * `degraded` — connected, but part of the picture is missing or frozen — naming the remote sources
 * that are not, so a lead sees "Wolkvox Bogotá is down" and not only a quiet floor. A remote source
 * still connecting with nothing mirrored of it (the collector restarting) is part of the picture
 * missing too, and so are entities the last snapshot listed but this version could not read.
 */
import { createMessages } from '../../../shared/i18n';
import { PROBLEM_TEXTS, problem, type Problem, type ProblemKey } from '../../../shared/problems';
import type { RemoteSource } from './wire';

export interface RemoteVerdict {
  status: 'live' | 'degraded';
  /** English detail for `lastError` (null when live). */
  message: string | null;
  problem: Problem | null;
  /** Remote sources counted as live (for the source's facts). */
  live: number;
}

/** What the mirror knows beyond the remote sources' statuses. */
export interface MirrorFacts {
  /** Whether the mirror holds anything of this remote source yet. */
  holds(remoteSourceId: string): boolean;
  /** Entities the last snapshot listed but could not read, not replaced since (their last good copies stand). */
  readonly unusable: number;
}

const NO_FACTS: MirrorFacts = { holds: () => true, unusable: 0 };

/** By status, from a collector that may send any string: a Map, so that "constructor" is not a word. */
const WORDS = new Map<string, string>([
  ['down', 'is down'],
  ['auth_failed', 'cannot sign in'],
  ['degraded', 'is degraded'],
  ['connecting', 'is reconnecting'],
]);

/** Long enough for the gist of a remote error; the rest is on the collector's own dashboard. */
const MAX_REMOTE_ERROR = 160;
/** A remote name or status is a few words; more is noise (or hostile). */
const MAX_REMOTE_WORD = 80;

/** English texts from the problems' own catalog, so that counts read "1 source", "2 sources". */
const english = createMessages<ProblemKey>('en', PROBLEM_TEXTS.en, PROBLEM_TEXTS.en);

/**
 * A remote source the lead need not hear about: live, switched off on the collector (`stopped`), or
 * connecting for the first time. `connecting` with an error is a source between two failed attempts.
 */
export function remoteOk(s: Pick<RemoteSource, 'status' | 'lastError'>): boolean {
  return s.status === 'live' || s.status === 'stopped' || (s.status === 'connecting' && !s.lastError);
}

/** Connecting for the first time with nothing of it here yet: its part of the floor is still empty. */
function waiting(s: RemoteSource, facts: MirrorFacts): boolean {
  return s.status === 'connecting' && !s.lastError && !facts.holds(s.id);
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

const nameOf = (s: RemoteSource) => clip(s.name || s.id, MAX_REMOTE_WORD);

function describe(s: RemoteSource): string {
  const words = s.status === 'connecting' && !s.lastError ? 'is starting' : (WORDS.get(s.status) ?? `is ${clip(s.status, MAX_REMOTE_WORD)}`);
  const error = s.lastError ? ` (${clip(s.lastError, MAX_REMOTE_ERROR)})` : '';
  return `${nameOf(s)} ${words}${error}`;
}

/** What is wrong with the remote sources, or null when nothing is. */
function sourcesReason(sources: readonly RemoteSource[], facts: MirrorFacts): { text: string; problem: Problem } | null {
  const bad = sources.filter((s) => !remoteOk(s) || waiting(s, facts));
  if (bad.length === 0) return null;
  const names = bad.map(nameOf).join(', ');
  if (bad.every((s) => waiting(s, facts))) {
    return { text: english.t('problem.collector_starting', { sources: names }), problem: problem('collector_starting', { sources: names }) };
  }
  return {
    text: english.t('problem.collector_sources', { count: bad.length, sources: bad.map(describe).join('; ') }),
    problem: problem('collector_sources', { count: bad.length, sources: names }),
  };
}

export function remoteVerdict(sources: readonly RemoteSource[], label: string, facts: MirrorFacts = NO_FACTS): RemoteVerdict {
  if (sources.length === 0) {
    return { status: 'degraded', message: `${label}: the collector has no sources; add them to its configuration`, problem: problem('collector_empty'), live: 0 };
  }
  const live = sources.filter((s) => s.status === 'live').length;
  const reasons = [sourcesReason(sources, facts)];
  if (facts.unusable > 0) reasons.push({ text: english.t('problem.collector_unusable', { count: facts.unusable }), problem: problem('collector_unusable', { count: facts.unusable }) });
  const found = reasons.filter((r) => r !== null);
  if (found.length === 0) return { status: 'live', message: null, problem: null, live };
  return { status: 'degraded', message: `${label}: ${found.map((r) => r.text).join(' — ')}`, problem: found[0]!.problem, live };
}
