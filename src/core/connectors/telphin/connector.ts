/**
 * The Telphin connector. With `webhook.publicUrl` it receives agent login/logout webhooks and, every
 * `pollSec` (slower when the hourly quota requires), re-reads the agent list and puts its webhook
 * subscriptions back in order. Without one (a laptop behind NAT) it polls the agent list and the
 * current calls instead, paced so that the quota is never exceeded. The mode is shown with the source.
 */
import { WEBHOOK_SECRET, WEBHOOK_SECRET_RULE, type TelphinSourceConfig } from '../../../shared/sources';
import { sleep } from '../../util/clock';
import { Supervisor } from '../supervisor';
import type { Connector, ConnectorContext } from '../types';
import { AgentBook } from './agents';
import { fetchAgents, fetchCalls } from './api';
import { TelphinClient } from './client';
import { agentInfoFromWebhook, callsByAgent, queueBacklog } from './normalize';
import { reconcileSubscriptions, reportWords, unsubscribe, type HookTarget } from './subscriptions';
import { logEntry } from '../../../shared/log-words';
import { createWebhookHandler, hookPrefix, hookUrl, TokenBucket, webhookSecret } from './webhook';
import type { WebhookFields } from './wire';
import { problem, type Problem } from '../../../shared/problems';

/** Why the source is degraded while it keeps working: the English text and the problem it names. */
interface Issue {
  text: string;
  problem: Problem;
}

export interface TelphinOptions {
  /** How Telphin should deliver events (default: `webhook.method` of the config, else POST). */
  webhookMethod?: 'GET' | 'POST';
  /** Webhook flood guard: burst size and sustained rate per second (defaults 60 and 20). */
  webhookBurst?: number;
  webhookRatePerSec?: number;
}

type Ctx = ConnectorContext<TelphinSourceConfig>;

/** `webhook.method` is read leniently: older configs do not have it. */
function configuredMethod(config: TelphinSourceConfig): 'GET' | 'POST' | null {
  const m = (config.webhook as { method?: unknown } | undefined)?.method;
  return typeof m === 'string' && /^(get|post)$/i.test(m) ? (m.toUpperCase() as 'GET' | 'POST') : null;
}

export class TelphinConnector implements Connector {
  readonly client: TelphinClient;
  readonly book = new AgentBook();
  private readonly supervisor: Supervisor;
  private readonly target: HookTarget | null;
  private readonly secret: string | null;
  private readonly pollMs: number;
  private unregister: (() => void) | null = null;
  private wake: (() => void) | null = null;
  private reconciled = false;
  /** Requests the last cycle took (a `check()` only runs a cycle the quota can afford). */
  private lastCost = 3;

  constructor(
    private readonly ctx: Ctx,
    private readonly opts: TelphinOptions = {},
  ) {
    const { config } = ctx;
    this.client = new TelphinClient({ config, fetch: ctx.fetch, clock: ctx.clock, log: ctx.log });
    this.pollMs = Math.max(1, config.pollSec ?? 120) * 1000;
    if (config.webhook?.publicUrl) {
      this.secret = webhookSecret(config);
      const method = opts.webhookMethod ?? configuredMethod(config) ?? 'POST';
      this.target = { url: hookUrl(config.webhook.publicUrl, this.secret), prefix: hookPrefix(config.webhook.publicUrl), method };
    } else {
      this.secret = null;
      this.target = null;
    }
    this.supervisor = new Supervisor(ctx, (signal, live) => this.session(signal, live), { vendorLabel: 'Telphin', baseMs: 2000, capMs: 300_000 });
  }

  get mode(): 'webhook' | 'polling' {
    return this.target ? 'webhook' : 'polling';
  }

  start(): void {
    const { ctx } = this;
    ctx.health.setMode(this.mode);
    // A configured secret (an `env:` reference resolved) the receiver's route could never match.
    if (this.secret !== null && !WEBHOOK_SECRET.test(this.secret)) {
      ctx.health.setStatus('down', `webhook.secret ${WEBHOOK_SECRET_RULE}: Telphin could never reach this receiver; fix it in the configuration`, problem('config_refused'));
      return;
    }
    if (this.target && this.secret && !this.unregister) {
      const bucket = new TokenBucket(ctx.clock, this.opts.webhookBurst, this.opts.webhookRatePerSec);
      const handler = createWebhookHandler({ clock: ctx.clock, health: ctx.health, bucket, accept: (f, at) => this.onWebhook(f, at) });
      this.unregister = ctx.webhooks.register('telphin', this.secret, handler);
    }
    this.supervisor.start();
  }

  /** Stops polling and the receiver. Subscriptions stay registered (see `unsubscribeAll`). */
  async stop(): Promise<void> {
    this.wake?.();
    await this.supervisor.stop();
    this.unregister?.();
    this.unregister = null;
  }

  /** Resume from sleep / refresh: run the next cycle now, unless the quota says to wait. */
  check(): void {
    this.supervisor.check();
    if (this.client.quota.affords(this.ctx.clock.now(), this.lastCost)) this.wake?.();
  }

  /**
   * Deletes every webhook subscription of ours (URL under `{publicUrl}/hooks/telphin/`) — for when
   * the source is removed for good, not on an ordinary stop or restart. Returns how many.
   */
  async unsubscribeAll(): Promise<number> {
    if (!this.target) return 0;
    const agents = this.book.size ? this.book.list() : (await fetchAgents(this.client, this.ctx.health)).agents;
    const removed = await unsubscribe(this.client, this.ctx.health, agents, this.target.prefix);
    this.ctx.log.info(`removed ${removed} webhook subscription${removed === 1 ? '' : 's'}`);
    this.ctx.health.setInfo('subscriptions', 0);
    this.reconciled = false;
    return removed;
  }

  private onWebhook(f: WebhookFields, at: number): void {
    const info = agentInfoFromWebhook(f, this.book.get(f.agent_id));
    const events = this.book.applyStatus(info, f.agent_status, { kind: 'webhook', eventSource: f.event_source ?? null }, at);
    if (events.length) this.ctx.emit(events, at);
  }

  private async session(signal: AbortSignal, live: () => void): Promise<void> {
    const { ctx } = this;
    await this.client.ensureToken(signal);
    for (;;) {
      const before = this.client.sent;
      const found = this.target ? await this.reconcile(this.target, signal) : await this.poll(signal);
      this.lastCost = this.client.sent - before;
      const delay = this.client.quota.delay(ctx.clock.now(), this.pollMs, this.lastCost);
      this.publishQuota(delay);
      const issue = this.receiverIssue() ?? found ?? this.slowPolling(delay);
      if (issue) ctx.health.setStatus('degraded', issue.text, issue.problem);
      else live();
      await this.pause(delay, signal);
    }
  }

  private async poll(signal: AbortSignal): Promise<Issue | null> {
    const { ctx } = this;
    const fetchedAt = ctx.clock.now();
    const listing = await fetchAgents(this.client, ctx.health, signal);
    const calls = await fetchCalls(this.client, ctx.health, signal);
    const byAgent = callsByAgent(listing.agents, calls);
    ctx.emit([...this.book.applyList(listing.agents, listing.statuses, byAgent, { kind: 'poll' }, fetchedAt), ...this.book.applyBacklog(queueBacklog(calls, fetchedAt))]);
    this.publishAgents();
    return null;
  }

  private async reconcile(target: HookTarget, signal: AbortSignal): Promise<Issue | null> {
    const { ctx } = this;
    const fetchedAt = ctx.clock.now();
    const listing = await fetchAgents(this.client, ctx.health, signal);
    ctx.emit(this.book.applyList(listing.agents, listing.statuses, null, { kind: 'list' }, fetchedAt));
    this.publishAgents();
    const report = await reconcileSubscriptions(this.client, ctx.health, ctx.log, listing.agents, target, signal);
    ctx.health.setInfo('subscriptions', report.inPlace);
    ctx.health.setInfo('eventLimit', report.limit);
    const changed = report.created + report.repaired + report.removed + report.missing > 0;
    if (changed || !this.reconciled) {
      const entry = logEntry(reportWords(report));
      ctx.log.info(entry.text);
      ctx.emit([{ type: 'log', kind: 'subscriptions', level: report.missing ? 'warning' : 'info', ...entry }]);
    }
    this.reconciled = true;
    if (!report.missing) return null;
    return {
      text: `Telphin allows ${report.limit} agent events but ${report.agents} agents need ${report.agents * 2}: ${report.missing} login/logout subscriptions are missing, so some agents' changes will not arrive. Raise the limit with Telphin or remove unused agent events.`,
      problem: problem('telphin_subscriptions_missing', { count: report.missing }),
    };
  }

  /** Webhook mode while nothing here can receive them (the tray app's receiver off, or its port taken). */
  private receiverIssue(): Issue | null {
    const receiver = this.ctx.webhooks.receiver();
    if (!this.target || receiver.listening) return null;
    const seconds = Math.round(this.pollMs / 1000);
    const refresh = `Telphin's login and logout events cannot arrive; agent states are only re-read every ${seconds} s.`;
    if (receiver.port === 0) {
      return { text: `The webhook receiver of this app is off: ${refresh} Set its port in Settings → Application.`, problem: problem('webhook_receiver_off', { seconds }) };
    }
    const why = receiver.error === 'EADDRINUSE' ? 'another program holds it' : receiver.error === 'EACCES' ? 'this user may not use it' : (receiver.error ?? 'it failed');
    return {
      text: `The webhook receiver cannot listen on port ${receiver.port} (${why}): ${refresh} Choose another port in Settings → Application.`,
      problem: problem('webhook_receiver_port', { port: receiver.port, seconds }),
    };
  }

  private slowPolling(delay: number): Issue | null {
    if (this.target || delay <= Math.max(2 * this.pollMs, this.pollMs + 60_000)) return null;
    const q = this.client.quota;
    const left = q.remaining !== null && q.limit !== null ? ` (${q.remaining} of ${q.limit} requests left this hour)` : '';
    return {
      text: `Telphin request quota nearly used up${left}: polling every ${Math.round(delay / 1000)} s instead of every ${Math.round(this.pollMs / 1000)} s until it resets.`,
      problem: problem('quota_slow', { seconds: Math.round(delay / 1000) }),
    };
  }

  private publishAgents(): void {
    const { local, remote } = this.book.counts();
    this.ctx.health.setInfo('agentsLocal', local);
    this.ctx.health.setInfo('agentsRemote', remote);
  }

  private publishQuota(delay: number): void {
    const q = this.client.quota;
    this.ctx.health.setInfo('quotaLimit', q.limit);
    this.ctx.health.setInfo('quotaRemaining', q.remaining);
    this.ctx.health.setInfo('quotaResetAt', q.resetAt);
    this.ctx.health.setInfo('nextCheckSec', Math.round(delay / 1000));
  }

  /** Waits for the next cycle; `check()` cuts it short (the quota gate still applies). */
  private async pause(ms: number, signal: AbortSignal): Promise<void> {
    const waker = new AbortController();
    this.wake = () => waker.abort();
    const both = AbortSignal.any([signal, waker.signal]);
    try {
      await sleep(this.ctx.clock, ms, both);
    } catch (e) {
      if (signal.aborted) throw e;
    } finally {
      this.wake = null;
    }
  }
}
