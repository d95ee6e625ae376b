/**
 * The webhook receiver's HTTP side: `/hooks/{vendor}/{secret}` routed to the engine's registry.
 * Mounted by the collector, and by the tray app on a local port when configured.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WebhookRegistry } from '../core/webhooks';
import type { Logger } from '../core/util/logger';
import { BodyTooLarge, readBody, sendAndClose } from './body';

export const WEBHOOK_BODY_LIMIT = 64 * 1024;
const HOOK_PATH = /^\/hooks\/([a-z]+)\/([^/]{1,256})\/?$/;

/** Returns true when the request was a webhook (answered here), false when the path is not one. */
export async function handleWebhook(registry: WebhookRegistry, req: IncomingMessage, res: ServerResponse, url: URL, log: Logger): Promise<boolean> {
  const m = HOOK_PATH.exec(url.pathname);
  if (!m && !url.pathname.startsWith('/hooks/')) return false;
  if (!m) {
    sendAndClose(req, res, 404, 'not found');
    return true;
  }
  if (req.method !== 'GET' && req.method !== 'POST') {
    res.setHeader('allow', 'GET, POST');
    sendAndClose(req, res, 405, 'method not allowed');
    return true;
  }
  const [, vendor, rawSecret] = m as unknown as [string, string, string];
  let secret: string;
  try {
    secret = decodeURIComponent(rawSecret);
  } catch {
    sendAndClose(req, res, 400, 'malformed path');
    return true;
  }
  const handler = registry.find(vendor, secret);
  if (!handler) {
    // Do not read an unauthenticated body.
    sendAndClose(req, res, 401, 'unknown webhook');
    log.warn(`webhook refused: unknown secret for ${vendor} from ${req.socket.remoteAddress ?? '?'}`);
    return true;
  }
  let body: Buffer | null = null;
  if (req.method === 'POST') {
    try {
      body = await readBody(req, WEBHOOK_BODY_LIMIT);
    } catch (e) {
      if (e instanceof BodyTooLarge) {
        log.warn(`webhook refused: body over ${WEBHOOK_BODY_LIMIT} bytes`);
        sendAndClose(req, res, 413, 'payload too large');
      } else {
        sendAndClose(req, res, 400, 'could not read the request body');
      }
      return true;
    }
  }
  let status: number;
  let text: string;
  try {
    const out = handler({
      method: req.method,
      query: url.searchParams,
      headers: req.headers,
      body,
      contentType: req.headers['content-type'] ?? null,
      remoteAddress: req.socket.remoteAddress ?? null,
    });
    status = out.status;
    text = out.body ?? '';
  } catch (e) {
    log.error('webhook handler failed', e);
    status = 500;
    text = 'internal error';
  }
  if (status === 204) {
    res.writeHead(204);
    res.end();
  } else {
    res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'content-length': Buffer.byteLength(text) });
    res.end(text);
  }
  return true;
}

/** A stand-alone receiver (tray app): only `/hooks/…`, everything else 404. */
export async function startWebhookReceiver(opts: { registry: WebhookRegistry; host?: string; port: number; logger: Logger }): Promise<{ server: Server; port: number; close(): Promise<void> }> {
  const server = createServer({ maxHeaderSize: 16 * 1024 }, (req, res) => {
    const url = new URL(req.url ?? '/', 'http://receiver');
    void handleWebhook(opts.registry, req, res, url, opts.logger).then((handled) => {
      if (!handled) sendAndClose(req, res, 404, 'not found');
    });
  });
  hardenServer(server);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host ?? '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    server,
    port,
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}

/** Timeouts against slow (slowloris-style) clients. */
export function hardenServer(server: Server): void {
  server.headersTimeout = 10_000;
  server.requestTimeout = 15_000;
  server.keepAliveTimeout = 5_000;
  server.maxHeadersCount = 100;
}
