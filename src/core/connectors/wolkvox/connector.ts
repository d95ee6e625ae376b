/**
 * The Wolkvox source: polls the agents, latency and skills reports, each at its own cadence, one
 * request at a time per token (shared lane), and classifies every refusal: bad token stops,
 * spent quota waits for midnight (the source's time zone), simultaneous use backs off seconds, maintenance minutes,
 * a report the server refuses (400) is asked again hourly while the others go on (all refused: a
 * configuration error that stops the source), network trouble retries with capped backoff.
 */
import type { WolkvoxSourceConfig } from '../../../shared/sources';
import { Backoff, type BackoffOptions } from '../backoff';
import { authError, configError, rateLimitError, transientError, type ConnectorError } from '../errors';
import { Supervisor, type Session } from '../supervisor';
import type { Connector, ConnectorContext } from '../types';
import { abortError } from '../../util/clock';
import { registerSecret } from '../../util/redact';
import { cadences, dailyQuota, projectedDailyUses, quotaWarning } from './budget';
import type { ClientOptions } from './client';
import { ClockWatch, clockWarning, type ReportClock } from './clock';
import { localTimeZone } from '../../../shared/zones';
import { laneFor, type TokenLane } from './lane';
import { pollReport, type PollOutcome } from './poll';
import { rejectedCount } from './parse';
import { problem, type Problem } from '../../../shared/problems';
import type { Verdict } from './refusals';
import { baseUrlFor, hostOf, REPORTS, serverCode, type Report } from './url';

export interface WolkvoxTuning {
  timeoutMs: number;
  /** Network trouble and 5xx (the supervisor's backoff). */
  retry: BackoffOptions;
  /** "EXCEEDS THE LIMIT OF SIMULTANEOUS REQUESTS PER TOKEN": seconds. */
  simultaneous: BackoffOptions;
  /** Any other 403 (maintenance, firewall): minutes. */
  maintenance: BackoffOptions;
}

export const DEFAULT_TUNING: WolkvoxTuning = {
  timeoutMs: 20_000,
  retry: { baseMs: 2_000, capMs: 120_000, stableMs: 120_000 },
  simultaneous: { baseMs: 3_000, capMs: 60_000 },
  maintenance: { baseMs: 120_000, capMs: 900_000 },
};

/** Unreadable responses in a row (per report) before the source shows as degraded. */
const UNUSABLE_STREAK = 3;
/** A report refused as not enabled (400) while others work is asked again this often. */
const REFUSED_REPORT_RETRY_MS = 3_600_000;

type ConfigVerdict = Extract<Verdict, { kind: 'config' }>;

type Ctx = ConnectorContext<WolkvoxSourceConfig>;

/** Client settings of a source (also used by "Test connection"). */
export function clientOptions(ctx: Ctx, timeoutMs: number): ClientOptions {
  const c = ctx.config;
  return { baseUrl: baseUrlFor(c), token: c.token, server: serverCode(String(c.server)), fetch: ctx.fetch, clock: ctx.clock, timeoutMs, timeZone: c.timeZone };
}

const fmtDelay = (ms: number) => (ms >= 60_000 ? `${Math.round(ms / 60_000)} min` : `${Math.max(1, Math.round(ms / 1000))} s`);

export class WolkvoxConnector implements Connector {
  private readonly supervisor: Supervisor;
  private readonly lane: TokenLane;
  private readonly client: ClientOptions;
  private readonly cadenceMs: Record<Report, number>;
  private readonly due: Record<Report, number> = { agents: 0, latency: 0, skills: 0 };
  private readonly unusable: Record<Report, number> = { agents: 0, latency: 0, skills: 0 };
  /** Reports the server refuses (400: unknown or not enabled for the token), with the refusal. */
  private readonly refused: Record<Report, ConfigVerdict | null> = { agents: null, latency: null, skills: null };
  private readonly simultaneous: Backoff;
  private readonly maintenance: Backoff;
  private named: ReadonlySet<string> = new Set();
  private wakeSleep: (() => void) | null = null;
  private lastWarning: string | null = null;
  private readonly clockWatch = new ClockWatch();

  constructor(
    private readonly ctx: Ctx,
    tuning: WolkvoxTuning = DEFAULT_TUNING,
  ) {
    registerSecret(ctx.config.token);
    this.client = clientOptions(ctx, tuning.timeoutMs);
    this.lane = laneFor(ctx.shared, ctx.config.token);
    const c = cadences(ctx.config);
    this.cadenceMs = { agents: c.agents * 1000, latency: c.latency * 1000, skills: c.skills * 1000 };
    this.simultaneous = new Backoff({ random: ctx.random, ...tuning.simultaneous });
    this.maintenance = new Backoff({ random: ctx.random, ...tuning.maintenance });
    this.supervisor = new Supervisor(ctx, (signal, live) => this.session(signal, live), { vendorLabel: 'Wolkvox', ...tuning.retry });
  }

  start(): void {
    const { health, config, clock } = this.ctx;
    const c = cadences(config);
    health.setMode('polling');
    health.setInfo('agentsEverySec', c.agents);
    health.setInfo('skillsEverySec', c.skills);
    health.setInfo('latencyEverySec', c.latency);
    health.setInfo('server', hostOf(this.client.baseUrl));
    health.setInfo('projectedUsesPerDay', projectedDailyUses(config));
    const quota = dailyQuota(config);
    if (quota !== null) health.setInfo('quotaPerDay', quota);
    health.setInfo('timeZone', config.timeZone ?? `${localTimeZone()} (this computer)`);
    const zones = this.lane.join(this.ctx.sourceId, {
      projected: projectedDailyUses(config),
      timeZone: config.timeZone,
      onUses: (n) => health.setInfo('tokenUsesToday', n),
      onBudget: (total, members) => this.budgetChanged(total, members),
    });
    if (zones.length) {
      this.ctx.log.warn(
        `Other sources with this token read its dates in another time zone (${zones.join(', ')}) than this one (${config.timeZone ?? "this computer's"}): ` +
          "the token's day is now counted in this one's. A token belongs to one Wolkvox account: give its sources the account's time zone.",
      );
    }
    health.setInfo('tokenUsesToday', this.lane.usesToday(clock.now()));
    this.supervisor.start();
  }

  async stop(): Promise<void> {
    await this.supervisor.stop();
    this.lane.leave(this.ctx.sourceId);
  }

  check(): void {
    this.supervisor.check();
    this.wakeSleep?.();
  }

  private budgetChanged(total: number, members: number): void {
    const warning = quotaWarning(total, dailyQuota(this.ctx.config), members > 1);
    this.ctx.health.setInfo('quotaWarning', warning);
    if (members > 1) this.ctx.health.setInfo('projectedUsesPerDayOnToken', total);
    if (warning && warning !== this.lastWarning) this.ctx.log.warn(warning);
    this.lastWarning = warning;
  }

  private async session(signal: AbortSignal, live: Parameters<Session>[1]): Promise<void> {
    for (;;) {
      const now = this.ctx.clock.now();
      const report = this.nextDue(now);
      if (!report) {
        await this.sleep(Math.min(...REPORTS.map((r) => this.due[r])) - now, signal);
        continue;
      }
      const started = now;
      const outcome = await pollReport({ client: this.client, lane: this.lane, named: this.named }, report, signal);
      if (outcome.kind === 'refused') {
        const v = outcome.verdict;
        // One report refused is that report's trouble: the others keep the picture live. All of them
        // refused is the configuration's (server code, token): the source stops.
        if (v.kind !== 'config' || v.problem.code !== 'report_refused') throw this.errorFor(v);
        this.refused[report] = v;
        if (REPORTS.every((r) => this.refused[r])) throw this.errorFor(v);
        this.due[report] = started + REFUSED_REPORT_RETRY_MS;
        const partly = this.partly();
        if (partly) this.ctx.health.setStatus('degraded', partly.message, partly.problem);
        continue;
      }
      this.reschedule(report, started);
      this.simultaneous.reset();
      this.maintenance.reset();
      this.ctx.health.setInfo('pausedUntil', null);
      this.refused[report] = null;
      this.deliver(report, outcome);
      live(this.partly() ?? undefined);
    }
  }

  /** What works only in part: a report refused while others answer, or one that keeps sending unreadable answers. */
  private partly(): { message: string; problem: Problem } | null {
    const refused = REPORTS.find((r) => this.refused[r]);
    if (refused) {
      const v = this.refused[refused]!;
      const others = REPORTS.filter((r) => !this.refused[r]).join(' and ');
      const keep = others.includes(' and ') ? 'reports keep' : 'report keeps';
      return { message: `${v.message} The ${others} ${keep} updating; the ${refused} report is asked again every hour.`, problem: v.problem };
    }
    const unreadable = REPORTS.find((r) => this.unusable[r] >= UNUSABLE_STREAK);
    if (!unreadable) return null;
    return {
      message:
        `Wolkvox sends ${unreadable} reports that cannot be read: the values shown may be stale. ` +
        'If this persists, the Wolkvox API may have changed: look for an update of this application.',
      problem: problem('unreadable_reports', { report: unreadable }),
    };
  }

  private deliver(report: Report, outcome: Exclude<PollOutcome, { kind: 'refused' }>): void {
    const { health, log } = this.ctx;
    if (outcome.kind === 'unusable') {
      health.rejected(outcome.reason, outcome.sample);
      this.unusable[report]++;
      return;
    }
    this.unusable[report] = 0;
    for (const r of outcome.rejected) health.rejected(r.reason, r.sample, r.count);
    if (outcome.named) this.named = outcome.named;
    if (outcome.clock) this.checkClock(outcome.clock);
    this.ctx.emit(outcome.events);
    log.debug(`${report}: ${outcome.records} records, ${rejectedCount(outcome.rejected)} rejected`);
  }

  /** Says so on the source when the latency report's dates are hours off this computer's clock (ClockWatch). */
  private checkClock(clock: ReportClock): void {
    const verdict = this.clockWatch.see(clock);
    const { health, log, config } = this.ctx;
    if (verdict.kind === 'same') return;
    if (verdict.kind === 'agrees') {
      if (verdict.log) log.info("Wolkvox dates the network measurements by this computer's clock again.");
      health.setInfo('reportClockOffsetMin', null);
      health.setInfo('clockWarning', null);
      return;
    }
    const warning = clockWarning(verdict.offsetMin, config.timeZone);
    health.setInfo('reportClockOffsetMin', verdict.offsetMin);
    health.setInfo('clockWarning', warning);
    if (verdict.log) log.warn(warning);
  }

  private errorFor(v: Exclude<Verdict, { kind: 'ok' }>): ConnectorError {
    const now = this.ctx.clock.now();
    const { code, params } = v.problem;
    switch (v.kind) {
      case 'auth':
        return authError(v.message).as(code, params);
      case 'config':
        return configError(v.message).as(code, params);
      case 'token_limit':
        this.ctx.health.setInfo('pausedUntil', v.until);
        return rateLimitError(v.message, v.until).as(code, params);
      case 'simultaneous': {
        const d = this.simultaneous.next();
        return transientError(`${v.message} Retrying in ${fmtDelay(d)}.`, now + d, true).as(code, { ...params, seconds: Math.round(d / 1000) });
      }
      case 'maintenance': {
        const d = this.maintenance.next();
        return transientError(`${v.message} Retrying in ${fmtDelay(d)}.`, now + d).as(code, { ...params, seconds: Math.round(d / 1000) });
      }
      case 'server':
        return transientError(`${v.message} Retrying.`).as(code, params);
    }
  }

  /** The most overdue report, or null when none is due. */
  private nextDue(now: number): Report | null {
    let best: Report | null = null;
    for (const r of REPORTS) if (this.due[r] <= now && (best === null || this.due[r] < this.due[best])) best = r;
    return best;
  }

  /** Fixed-rate schedule; a poll that started late is not followed by a burst. */
  private reschedule(report: Report, started: number): void {
    const planned = this.due[report] + this.cadenceMs[report];
    this.due[report] = planned > started ? planned : started + this.cadenceMs[report];
  }

  /** Sleeps on the injected clock; `check()` wakes it early to re-evaluate what is due. */
  private sleep(ms: number, signal: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      if (signal.aborted) return reject(abortError());
      const done = () => {
        this.ctx.clock.clearTimeout(h);
        signal.removeEventListener('abort', onAbort);
        this.wakeSleep = null;
        resolve();
      };
      const onAbort = () => {
        this.ctx.clock.clearTimeout(h);
        this.wakeSleep = null;
        reject(abortError());
      };
      const h = this.ctx.clock.setTimeout(done, Math.max(0, ms));
      signal.addEventListener('abort', onAbort, { once: true });
      this.wakeSleep = done;
    });
  }
}
