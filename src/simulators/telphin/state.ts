/**
 * The Telphin simulator's data: queue agents (local and remote), their http events, current calls,
 * the hourly request quota and what the simulator received. Plain data and small operations; the
 * HTTP side lives in server.ts, webhook delivery in pbx.ts.
 */
export type SimAgentType = 'local' | 'remote';

export interface SimAgent {
  id: string;
  type: SimAgentType;
  name: string;
  /** Local agents: the extension they are bound to. */
  extensionId: string | null;
  extensionName: string | null;
  /** Remote agents: the external number. */
  number: string | null;
  status: string;
}

export interface SimEvent {
  id: string;
  agentId: string;
  agentType: SimAgentType;
  url: string;
  method: string;
  event_type: string;
}

export interface SimCall {
  call_id: string;
  call_flow: 'IN' | 'OUT';
  extension_id: number | null;
  caller_extension: { id: number; name: string; type: string } | null;
  called_extension: { id: number; name: string; type: string } | null;
  caller_id_number: string;
  called_number: string;
  init_time_gmt: string;
  answer_time_gmt: string | null;
}

export interface QuotaOptions {
  /** Requests allowed per window (Telphin: per hour). */
  limit: number;
  /** Window length; windows are aligned to multiples of it, as hours are. Default one hour. */
  windowMs?: number;
  /** `X-RateLimit-Reset` as epoch seconds (default) or as seconds until the reset. */
  resetStyle?: 'epoch' | 'delta';
}

export interface SimCounters {
  tokenRequests: number;
  tokenRefused: number;
  /** API requests received (any answer). */
  apiRequests: number;
  /** API requests answered 429. */
  rateLimited: number;
  unauthorized: number;
  /** Requests per "METHOD /route" (ids replaced by ":id"). */
  byRoute: Record<string, number>;
  /** Requests served (not 429) in the busiest window so far. */
  maxServedPerWindow: number;
  /** Served requests per window start (epoch ms). */
  servedPerWindow: Map<number, number>;
  deliveries: number;
  deliveryFailures: number;
  eventsCreated: number;
  eventsUpdated: number;
  eventsDeleted: number;
}

export function newCounters(): SimCounters {
  return {
    tokenRequests: 0,
    tokenRefused: 0,
    apiRequests: 0,
    rateLimited: 0,
    unauthorized: 0,
    byRoute: {},
    maxServedPerWindow: 0,
    servedPerWindow: new Map(),
    deliveries: 0,
    deliveryFailures: 0,
    eventsCreated: 0,
    eventsUpdated: 0,
    eventsDeleted: 0,
  };
}

/** Telphin's GMT timestamps: "2017-05-30 15:07:50". */
export function gmt(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

/** The per-window request counter behind the X-RateLimit headers. */
export class QuotaWindow {
  readonly windowMs: number;
  private start = -1;
  private served = 0;

  constructor(
    readonly opts: QuotaOptions,
    private readonly counters: SimCounters,
  ) {
    this.windowMs = opts.windowMs ?? 3_600_000;
  }

  private roll(now: number): void {
    const start = Math.floor(now / this.windowMs) * this.windowMs;
    if (start !== this.start) {
      this.start = start;
      this.served = 0;
    }
  }

  /** Counts a request; false when the window's quota is spent (answer 429). */
  take(now: number): boolean {
    this.roll(now);
    if (this.served >= this.opts.limit) return false;
    this.served++;
    this.counters.servedPerWindow.set(this.start, this.served);
    this.counters.maxServedPerWindow = Math.max(this.counters.maxServedPerWindow, this.served);
    return true;
  }

  /** Spends requests as another application of the same client would. */
  consume(n: number, now: number): void {
    this.roll(now);
    this.served = Math.min(this.opts.limit, this.served + n);
  }

  headers(now: number): Record<string, string> {
    this.roll(now);
    const resetAt = this.start + this.windowMs;
    const reset = this.opts.resetStyle === 'delta' ? Math.ceil((resetAt - now) / 1000) : Math.ceil(resetAt / 1000);
    return {
      'x-ratelimit-limit': String(this.opts.limit),
      'x-ratelimit-remaining': String(Math.max(0, this.opts.limit - this.served)),
      'x-ratelimit-reset': String(reset),
    };
  }
}

export function agentJson(a: SimAgent, withStatus: boolean): Record<string, unknown> {
  const base: Record<string, unknown> = { id: Number(a.id) || a.id, name: a.name };
  if (a.type === 'local') Object.assign(base, { extension_id: a.extensionId ? Number(a.extensionId) : null, extension_name: a.extensionName });
  else base.number = a.number;
  if (withStatus) base.status = a.status;
  return base;
}

export function eventJson(e: SimEvent): Record<string, unknown> {
  return { id: Number(e.id), url: e.url, method: e.method, event_type: e.event_type };
}
