/**
 * Webhook receiver registry: connectors register a secret path segment and a handler; whoever owns an
 * HTTP server (collector, or the tray app's local receiver) routes `/hooks/{vendor}/{secret}` here.
 *
 * Secrets are compared in constant time: the presented secret is written into a zero-filled buffer
 * as wide as the longest registered secret (at least 64 bytes), and that buffer is compared with
 * `timingSafeEqual` against every route's secret padded to the same width — all of them, also after
 * a match — with the byte lengths compared as well (so "abc" never matches "abc\0"). The time taken
 * depends on the registered width and the number of routes, never on how much of a secret was right.
 */
import { timingSafeEqual } from 'node:crypto';

export interface WebhookRequest {
  method: string;
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer | null;
  contentType: string | null;
  remoteAddress: string | null;
}

export interface WebhookResponse {
  status: number;
  body?: string;
}

/**
 * Answers a request to its secret. `refused`, when present, is told of a request to that secret the
 * HTTP side refused before any handling (a body over the limit), so that its source counts it.
 */
export type WebhookHandler = ((req: WebhookRequest) => WebhookResponse) & { refused?: (reason: string) => void };

/** The narrowest comparison width, and the step it grows by. */
const WIDTH_STEP = 64;

interface Route {
  vendor: string;
  /** The secret's UTF-8 bytes, zero-padded to the registry's width. */
  padded: Buffer;
  /** The secret's length in UTF-8 bytes. */
  length: number;
  handler: WebhookHandler;
}

/**
 * Whether anything can deliver webhooks here: the collector's own server always can; the tray app's
 * local receiver may be off (port 0) or kept from its port by another program.
 */
export type ReceiverState = { listening: true } | { listening: false; port: number; error: string | null };

export class WebhookRegistry {
  private readonly routes: Route[] = [];
  private receiverState: ReceiverState = { listening: true };
  private width = WIDTH_STEP;
  /** Where a presented secret is written for the comparison (the lookup is synchronous). */
  private scratch = Buffer.alloc(WIDTH_STEP);

  register(vendor: string, secret: string, handler: WebhookHandler): () => void {
    const length = Buffer.byteLength(secret);
    if (length > this.width) this.widen(Math.ceil(length / WIDTH_STEP) * WIDTH_STEP);
    const padded = Buffer.alloc(this.width);
    padded.write(secret, 0, 'utf8');
    const route: Route = { vendor, padded, length, handler };
    this.routes.push(route);
    return () => {
      const i = this.routes.indexOf(route);
      if (i >= 0) this.routes.splice(i, 1);
    };
  }

  /** Finds the handler for a secret; checks every route so timing does not reveal which matched. */
  find(vendor: string, secret: string): WebhookHandler | null {
    const scratch = this.scratch;
    scratch.fill(0);
    const length = Buffer.byteLength(secret);
    // A secret wider than every registered one is cut short here, and cannot match (written < length).
    const whole = scratch.write(secret, 0, 'utf8') === length;
    let found: WebhookHandler | null = null;
    for (const r of this.routes) {
      if (timingSafeEqual(r.padded, scratch) && whole && r.length === length && r.vendor === vendor) found = r.handler;
    }
    return found;
  }

  /** Routes a request: 401 when no source owns the secret. */
  handle(vendor: string, secret: string, req: WebhookRequest): WebhookResponse {
    const handler = this.find(vendor, secret);
    if (!handler) return { status: 401, body: 'unknown webhook secret' };
    return handler(req);
  }

  /** Told by whoever owns the receiver (the tray app's local one). */
  setReceiver(state: ReceiverState): void {
    this.receiverState = state;
  }

  receiver(): ReceiverState {
    return this.receiverState;
  }

  get size(): number {
    return this.routes.length;
  }

  /** The comparison width in bytes (every comparison spans exactly this many). */
  get comparisonWidth(): number {
    return this.width;
  }

  private widen(width: number): void {
    this.width = width;
    this.scratch = Buffer.alloc(width);
    for (const r of this.routes) {
      const padded = Buffer.alloc(width);
      r.padded.copy(padded);
      r.padded = padded;
    }
  }
}
