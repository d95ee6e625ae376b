/**
 * HTTP routes of the collector (CONTRACT.md "HTTP / WebSocket API").
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Engine } from '../core/engine';
import type { CommandHandler } from '../core/commands';
import { BridgeError } from '../shared/bridge';
import { readBody, BodyTooLarge, sendJson } from './body';

const API_BODY_LIMIT = 16 * 1024;

type Route = { method: 'GET' | 'POST'; pattern: RegExp; run: (m: RegExpExecArray, url: URL, req: IncomingMessage) => Promise<[number, unknown]> };

/** A query parameter given at most once (null when absent); given twice, which one counts is ambiguous: refused. */
function single(url: URL, name: string): string | null {
  const all = url.searchParams.getAll(name);
  if (all.length > 1) throw new BridgeError('invalid_request', `${name} given ${all.length} times`);
  return all[0] ?? null;
}

export function createApi(engine: Engine, commands: CommandHandler) {
  const json = async (req: IncomingMessage): Promise<unknown> => {
    const body = await readBody(req, API_BODY_LIMIT);
    if (body.length === 0) return {};
    try {
      return JSON.parse(body.toString('utf8'));
    } catch {
      throw new BridgeError('invalid_request', 'the request body is not valid JSON');
    }
  };

  const routes: Route[] = [
    { method: 'GET', pattern: /^\/api\/health$/, run: async () => [200, { ok: true, sources: engine.snapshot().sources }] },
    { method: 'GET', pattern: /^\/api\/snapshot$/, run: async () => [200, engine.snapshot()] },
    {
      method: 'GET',
      pattern: /^\/api\/alerts$/,
      run: async (_m, url) => {
        const state = single(url, 'state') ?? 'firing';
        if (state !== 'firing' && state !== 'all') throw new BridgeError('invalid_request', 'state must be "firing" or "all"');
        return [200, engine.alerts.list(state)];
      },
    },
    {
      method: 'GET',
      pattern: /^\/api\/alerts\/export\.csv$/,
      run: async (_m, url) => {
        const sourceId = single(url, 'source');
        return [200, { csv: await commands('alerts:export-csv', sourceId ? { sourceId } : undefined) }];
      },
    },
    {
      method: 'POST',
      pattern: /^\/api\/alerts\/snooze$/,
      run: async (_m, _u, req) => [200, await commands('alerts:snooze', await json(req))],
    },
    {
      method: 'POST',
      pattern: /^\/api\/alerts\/ack$/,
      run: async (_m, _u, req) => [200, await commands('alerts:ack-many', await json(req))],
    },
    {
      method: 'POST',
      pattern: /^\/api\/alerts\/([^/]+)\/(ack|unack)$/,
      run: async (m, _u, req) => {
        await json(req);
        let id: string;
        try {
          id = decodeURIComponent(m[1]!);
        } catch {
          throw new BridgeError('invalid_request', 'malformed alert id');
        }
        const alert = await commands(m[2] === 'ack' ? 'alerts:ack' : 'alerts:unack', { id });
        return alert ? [200, alert] : [404, { error: `no alert with id ${id}` }];
      },
    },
  ];

  return async function handleApi(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    // The stream is a WebSocket: a plain request to it says how to reach it.
    if (url.pathname === '/api/stream') {
      if (req.method !== 'GET') return sendJson(res, 405, { error: `method ${req.method} not allowed` }, { allow: 'GET' });
      return sendJson(res, 426, { error: 'the stream is a WebSocket: connect with an Upgrade: websocket request' }, { upgrade: 'websocket', connection: 'Upgrade' });
    }
    const matching = routes.filter((r) => r.pattern.test(url.pathname));
    if (!matching.length) return sendJson(res, 404, { error: `unknown route ${url.pathname}` });
    const route = matching.find((r) => r.method === req.method);
    if (!route) return sendJson(res, 405, { error: `method ${req.method} not allowed` }, { allow: matching.map((r) => r.method).join(', ') });
    try {
      const [status, value] = await route.run(route.pattern.exec(url.pathname)!, url, req);
      if (url.pathname.endsWith('.csv') && status === 200) {
        const csv = (value as { csv: string }).csv;
        res.writeHead(200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': 'attachment; filename="alerts.csv"' });
        res.end(csv);
        return;
      }
      sendJson(res, status, value);
    } catch (e) {
      if (e instanceof BodyTooLarge) return sendJson(res, 413, { error: e.message }, { connection: 'close' });
      if (e instanceof BridgeError && (e.code === 'invalid_request' || e.code === 'unknown_channel')) return sendJson(res, 400, { error: e.message });
      sendJson(res, 500, { error: e instanceof Error ? e.message : 'internal error' });
    }
  };
}
