/**
 * Webhook receiver registry: connectors register a secret path segment and a handler; whoever owns an
 * HTTP server (collector, or the tray app's local receiver) routes `/hooks/{vendor}/{secret}` here.
 * Secrets are compared in constant time (hashes of equal length, `timingSafeEqual`).
 */
import { hash, timingSafeEqual } from 'node:crypto';

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

export type WebhookHandler = (req: WebhookRequest) => WebhookResponse;

/** SHA-256 of the secret (one-shot `crypto.hash`: half the cost of a Hash object, per request). */
const digest = (s: string) => hash('sha256', s, 'buffer');

export class WebhookRegistry {
  private readonly routes: { vendor: string; digest: Buffer; handler: WebhookHandler }[] = [];

  register(vendor: string, secret: string, handler: WebhookHandler): () => void {
    const route = { vendor, digest: digest(secret), handler };
    this.routes.push(route);
    return () => {
      const i = this.routes.indexOf(route);
      if (i >= 0) this.routes.splice(i, 1);
    };
  }

  /** Finds the handler for a secret; checks every route so timing does not reveal which matched. */
  find(vendor: string, secret: string): WebhookHandler | null {
    const d = digest(secret);
    let found: WebhookHandler | null = null;
    for (const r of this.routes) {
      if (timingSafeEqual(r.digest, d) && r.vendor === vendor) found = r.handler;
    }
    return found;
  }

  /** Routes a request: 401 when no source owns the secret. */
  handle(vendor: string, secret: string, req: WebhookRequest): WebhookResponse {
    const handler = this.find(vendor, secret);
    if (!handler) return { status: 401, body: 'unknown webhook secret' };
    return handler(req);
  }

  get size(): number {
    return this.routes.length;
  }
}
