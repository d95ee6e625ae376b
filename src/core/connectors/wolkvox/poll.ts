/**
 * One poll of one report, start to finish: wait for the token's lane, request, count the use,
 * judge refusals, parse leniently and normalize. Shared by the connector and "Test connection".
 */
import type { NormalizedEvent } from '../../state/events';
import { requestReport, type ClientOptions } from './client';
import type { TokenLane } from './lane';
import { namedIds, normalizeAgents, normalizeLatency, normalizeSkills } from './normalize';
import { parseAgents, parseLatency, parseSkills, readEnvelope, rejectedCount, type Rejection } from './parse';
import { judge, type Verdict } from './refusals';
import { hostOf, type Report } from './url';

export type PollOutcome =
  | { kind: 'refused'; verdict: Exclude<Verdict, { kind: 'ok' }> }
  | { kind: 'unusable'; reason: string; sample: unknown }
  | {
      kind: 'data';
      events: NormalizedEvent[];
      rejected: Rejection[];
      records: number;
      named?: Set<string>;
      /** Latency report: the newest `last_date` of an agent it says is connected (null: none), and the poll's time. */
      clock?: { newest: number | null; now: number };
    };

export interface PollDeps {
  client: ClientOptions;
  lane: TokenLane;
  /** Agent ids named by the last agents report (their latency-report suffix does not rename them). */
  named: ReadonlySet<string>;
}

/** Runs one report. Throws only AbortError and transient network errors. */
export async function pollReport(deps: PollDeps, report: Report, signal?: AbortSignal): Promise<PollOutcome> {
  const { client, lane } = deps;
  const host = hostOf(client.baseUrl);
  // Judged inside the lane: a spent quota blocks the token before the next waiting source goes.
  const answer = await lane.run(signal, async () => {
    if (client.clock.now() < lane.blockedUntil) return null;
    const res = await requestReport(client, report, signal);
    const now = client.clock.now();
    lane.countUse(now);
    const env = res.body === undefined ? null : readEnvelope(res.body);
    const verdict = judge(res.status, res.text, env, report, host, now, lane.blockedUntil, lane.timeZone);
    if (verdict.kind === 'token_limit') {
      lane.blockedUntil = verdict.until;
      lane.blockedMessage = verdict.message;
      lane.blockedProblem = verdict.problem;
    }
    return { res, env, verdict, now };
  });
  if (!answer) return { kind: 'refused', verdict: { kind: 'token_limit', message: lane.blockedMessage, problem: lane.blockedProblem, until: lane.blockedUntil } };
  const { res, env, verdict, now } = answer;
  if (verdict.kind !== 'ok') return { kind: 'refused', verdict };
  if (!env) {
    const what = res.tooLarge ? `the body is larger than ${res.tooLarge}` : res.body === undefined ? 'the body is not JSON' : 'the body is neither an object nor a list';
    return { kind: 'unusable', reason: `${report} report: ${what}`, sample: res.body ?? res.text };
  }
  if (report === 'latency') {
    const p = parseLatency(env.data);
    if (!p.ok) return { kind: 'unusable', reason: p.reason, sample: env.data };
    const v = p.value;
    const records = (v.agents?.length ?? 0) + (v.sites?.length ?? 0) + (v.lines?.length ?? 0);
    if (records === 0 && p.rejected.length > 0) return noneRead(report, p.rejected);
    const clock = { newest: null as number | null, now };
    const events = normalizeLatency(v, now, deps.named, { timeZone: client.timeZone, clock });
    return { kind: 'data', events: keepWhatWasNotRead(events, p.rejected), rejected: p.rejected, records: v.agents?.length ?? 0, clock };
  }
  if (report === 'agents') {
    const p = parseAgents(env.data);
    if (!p.ok) return { kind: 'unusable', reason: p.reason, sample: env.data };
    if (p.value.length === 0 && p.rejected.length > 0) return noneRead(report, p.rejected);
    const events = normalizeAgents(p.value, now);
    return { kind: 'data', events: keepWhatWasNotRead(events, p.rejected), rejected: p.rejected, records: p.value.length, named: namedIds(p.value) };
  }
  const p = parseSkills(env.data);
  if (!p.ok) return { kind: 'unusable', reason: p.reason, sample: env.data };
  if (p.value.length === 0 && p.rejected.length > 0) return noneRead(report, p.rejected);
  return { kind: 'data', events: keepWhatWasNotRead(normalizeSkills(p.value), p.rejected), rejected: p.rejected, records: p.value.length };
}

/** A report none of whose records could be read is unusable: what is known stays as it is. */
function noneRead(report: Report, rejected: Rejection[]): PollOutcome {
  const n = rejectedCount(rejected);
  const more = n > 1 ? ` (and ${(n - 1).toLocaleString('en-US')} more refused)` : '';
  return { kind: 'unusable', reason: `${report} report: nothing in it could be read: ${rejected[0]!.reason}${more}`, sample: rejected[0]!.sample };
}

/**
 * With records rejected, the report's list of ids is not the account's: an entity whose record was
 * refused is not removed for it. Only a report read whole removes what it no longer lists.
 */
function keepWhatWasNotRead(events: NormalizedEvent[], rejected: Rejection[]): NormalizedEvent[] {
  return rejected.length === 0 ? events : events.filter((e) => e.type !== 'sync');
}
