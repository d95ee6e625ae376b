/**
 * The webhook receiver's HTTP side: `/hooks/{vendor}/{secret}` routed to the engine's registry.
 * Mounted by the collector, and by the tray app on a local port when configured.
 */
import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { AddressInfo } from 'node:net';
import type { WebhookRegistry } from '../core/webhooks';
import type { Logger } from '../core/util/logger';
import { BodyTooLarge, readBody, sendAndClose } from './body';

export const WEBHOOK_BODY_LIMIT = 64 * 1024;
const HOOK_PATH = /^\/hooks\/([a-z]+)\/([^/]{1,256})\/?$/;

/** When a registry last logged an unknown secret, and how many it has refused since without a line. */
const unknownSecrets = new WeakMap<WebhookRegistry, { until: number; since: number }>();
const UNKNOWN_SECRET_LOG_MS = 60_000;

/**
 * Logs a request to an unknown secret: the first at once, then at most one line a minute with how many
 * were refused meanwhile — a scan of the internet-facing route does not fill the log.
 */
function unknownSecret(registry: WebhookRegistry, log: Logger, vendor: string, from: string): void {
  const now = Date.now();
  const last = unknownSecrets.get(registry);
  if (last && now < last.until) {
    last.since++;
    return;
  }
  const more = last?.since ? ` (and ${last.since} more since the last such line)` : '';
  log.warn(`webhook refused: unknown secret for ${vendor} from ${from}${more}; more within a minute are counted in the next line`);
  unknownSecrets.set(registry, { until: now + UNKNOWN_SECRET_LOG_MS, since: 0 });
}

/** Returns true when the request was a webhook (answered here), false when the path is not one. */
export async function handleWebhook(registry: WebhookRegistry, req: IncomingMessage, res: ServerResponse, url: URL, log: Logger): Promise<boolean> {
  const m = HOOK_PATH.exec(url.pathname);
  if (!m && !url.pathname.startsWith('/hooks/')) return false;
  if (!m) {
    sendAndClose(req, res, 404, 'not found');
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
    // Do not read an unauthenticated body. Any method: a request to a secret not ours is a 401.
    sendAndClose(req, res, 401, 'unknown webhook');
    unknownSecret(registry, log, vendor, req.socket.remoteAddress ?? '?');
    return true;
  }
  if (req.method !== 'GET' && req.method !== 'POST') {
    // Counted with the source like the handler's other refusals; its body is never read.
    handler.refused?.(`method ${req.method ?? '?'} not allowed`);
    res.setHeader('allow', 'GET, POST');
    sendAndClose(req, res, 405, 'method not allowed');
    return true;
  }
  let body: Buffer | null = null;
  if (req.method === 'POST') {
    try {
      body = await readBody(req, WEBHOOK_BODY_LIMIT);
    } catch (e) {
      if (e instanceof BodyTooLarge) {
        // Counted with the source (whose handler also keeps a flood of them out of the log).
        handler.refused?.(`body over ${WEBHOOK_BODY_LIMIT} bytes`);
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
  const server = createHardenedServer((req, res) => {
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://receiver');
    } catch {
      return sendAndClose(req, res, 400, 'malformed request target');
    }
    void handleWebhook(opts.registry, req, res, url, opts.logger).then((handled) => {
      if (!handled) sendAndClose(req, res, 404, 'not found');
    });
  });
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

/**
 * An HTTP server for requests from anywhere: small headers, the timeouts above checked every second
 * (Node's default checks every 30 s, so a slow client held its connection up to 45 s), and a
 * malformed or late request answered with its status and its connection closed at once — a peer that
 * never closes its side keeps nothing open here.
 */
export function createHardenedServer(handler: RequestListener): Server {
  const server = createServer({ maxHeaderSize: 16 * 1024, connectionsCheckingInterval: 1_000 }, handler);
  hardenServer(server);
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    if (!socket.writable) return socket.destroy();
    const status = err.code === 'HPE_HEADER_OVERFLOW' ? '431 Request Header Fields Too Large' : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? '408 Request Timeout' : '400 Bad Request';
    socket.end(`HTTP/1.1 ${status}\r\nconnection: close\r\ncontent-length: 0\r\n\r\n`, () => socket.destroy());
  });
  return server;
}
