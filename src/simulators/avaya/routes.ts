/**
 * The simulated AXP REST surface: token endpoint (form-encoded client credentials), producer
 * management, and Notification API subscriptions (create, read, list, renew, delete). Every request is
 * recorded; scripted failures and delays apply per route.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AvayaSimulator } from './server';
import { producerBody } from './catalog';
import { problem, type RouteName, type SimSubscription } from './types';

const MAX_BODY = 64 * 1024;

interface Matched {
  route: RouteName;
  account: string;
  id?: string;
}

function match(method: string, path: string): Matched | null {
  let m = /^\/api\/auth\/v1\/([^/]+)\/protocol\/openid-connect\/token$/.exec(path);
  if (m && method === 'POST') return { route: 'token', account: m[1]! };
  m = /^\/api\/analytics\/producer-management\/v1\/accounts\/([^/]+)\/measure-producers(?:\/([^/]+))?$/.exec(path);
  if (m && method === 'GET') return { route: 'producers', account: m[1]!, id: m[2] && decodeURIComponent(m[2]) };
  m = /^\/api\/notification\/v1\/accounts\/([^/]+)\/subscriptions$/.exec(path);
  if (m && method === 'POST') return { route: 'createSubscription', account: m[1]! };
  if (m && method === 'GET') return { route: 'listSubscriptions', account: m[1]! };
  m = /^\/api\/notification\/v1\/accounts\/([^/]+)\/subscriptions\/([^/]+?)(:renew)?$/.exec(path);
  if (m && m[3] && method === 'POST') return { route: 'renew', account: m[1]!, id: decodeURIComponent(m[2]!) };
  if (m && !m[3] && method === 'GET') return { route: 'getSubscription', account: m[1]!, id: decodeURIComponent(m[2]!) };
  if (m && !m[3] && method === 'DELETE') return { route: 'delete', account: m[1]!, id: decodeURIComponent(m[2]!) };
  return null;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) reject(new Error('body too large'));
      else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) return;
  if (body === undefined || status === 204) {
    res.writeHead(status).end();
    return;
  }
  const isProblem = status >= 400 && body && typeof body === 'object' && 'title' in body;
  res.writeHead(status, { 'content-type': isProblem ? 'application/problem+json' : 'application/json' }).end(JSON.stringify(body));
}

export async function handleRequest(sim: AvayaSimulator, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://sim');
  const method = req.method ?? 'GET';
  const matched = match(method, url.pathname);
  const auth = req.headers.authorization;
  const token = typeof auth === 'string' && auth.startsWith('Bearer ') ? auth.slice(7) : null;
  const appKey = typeof req.headers.appkey === 'string' ? req.headers.appkey : null;
  sim.requests.push({ method, path: url.pathname, at: Date.now(), route: matched?.route ?? null, token, appKey });
  if (!matched) return reply(res, 404, problem(404, 'Not Found', `No route for ${method} ${url.pathname}`).body);
  const body = await readBody(req).catch(() => null);
  if (body === null) return reply(res, 413, problem(413, 'Payload Too Large', 'Request body too large').body);
  const delay = sim.delays[matched.route];
  if (delay) await new Promise((r) => setTimeout(r, delay));
  const failure = sim.takeFailure(matched.route);
  if (failure) return reply(res, failure.status, failure.body);
  if (matched.account !== sim.accountId) {
    const p = matched.route === 'token' ? { status: 404, body: { error: 'Realm does not exist' } } : problem(404, 'Not Found', `Unknown account ${matched.account}`);
    return reply(res, p.status, p.body);
  }
  if (appKey !== sim.appKey) return reply(res, 401, problem(401, 'Unauthorized', 'Missing or invalid appkey header').body);
  if (matched.route === 'token') return tokenRoute(sim, res, body);
  if (!sim.tokenValid(token)) return reply(res, 401, problem(401, 'Unauthorized', 'The access token is missing, invalid or expired').body);
  switch (matched.route) {
    case 'producers': {
      if (!matched.id) return reply(res, 200, { measureProducers: sim.producers.map((p) => producerBody(p)) });
      const p = sim.producers.find((x) => x.id === matched.id);
      return p ? reply(res, 200, producerBody(p)) : reply(res, 404, problem(404, 'Not Found', `Unknown measure producer ${matched.id}`).body);
    }
    case 'createSubscription':
      return createRoute(sim, res, body, token!);
    case 'listSubscriptions':
      return reply(res, 200, { subscriptions: [...sim.subscriptions.values()].filter((s) => !s.deleted).map((s) => sim.subscriptionBody(s)) });
    case 'getSubscription': {
      const s = live(sim, matched.id!);
      if (!s) return reply(res, 404, problem(404, 'Not Found', `Unknown subscription ${matched.id}`).body);
      if (s.status === 'PENDING' && --s.pendingPolls <= 0) s.status = 'ACTIVE';
      return reply(res, 200, sim.subscriptionBody(s));
    }
    case 'renew': {
      const s = live(sim, matched.id!);
      if (!s || s.status === 'INACTIVE') return reply(res, 404, problem(404, 'Not Found', `Unknown subscription ${matched.id}`).body);
      sim.renewals.push({ id: s.id, token: token!, at: Date.now() });
      s.expiresAt = sim.subscriptionExpiry(token!);
      return reply(res, 200, sim.subscriptionBody(s));
    }
    case 'delete': {
      sim.deletes.push(matched.id!);
      const s = live(sim, matched.id!);
      if (!s) return reply(res, 404, problem(404, 'Not Found', `Unknown subscription ${matched.id}`).body);
      s.deleted = true;
      sim.closeSubscription(s.id, 4004, 'subscription deleted');
      return reply(res, 204, undefined);
    }
  }
}

function live(sim: AvayaSimulator, id: string): SimSubscription | null {
  const s = sim.subscriptions.get(id);
  return s && !s.deleted ? s : null;
}

function tokenRoute(sim: AvayaSimulator, res: ServerResponse, body: string): void {
  const form = new URLSearchParams(body);
  if (form.get('grant_type') !== 'client_credentials') return reply(res, 400, { error: 'unsupported_grant_type', error_description: 'Unsupported grant_type' });
  if (form.get('client_id') !== sim.clientId || form.get('client_secret') !== sim.clientSecret) {
    return reply(res, 401, { error: 'invalid_client', error_description: 'Invalid client or Invalid client credentials' });
  }
  const t = sim.issueToken();
  reply(res, 200, { access_token: t.value, expires_in: sim.tokenLifetimeSec, token_type: 'Bearer', scope: 'profile' });
}

function createRoute(sim: AvayaSimulator, res: ServerResponse, body: string, token: string): void {
  let json: { family?: unknown; transport?: { type?: unknown }; extensions?: { measureProducerId?: unknown } };
  try {
    json = JSON.parse(body) as typeof json;
  } catch {
    return reply(res, 400, problem(400, 'Bad Request', 'Body is not JSON').body);
  }
  const producerId = json?.extensions?.measureProducerId;
  if (json?.family !== 'ANALYTICS' || json?.transport?.type !== 'WEBSOCKET' || typeof producerId !== 'string') {
    return reply(res, 400, problem(400, 'Bad Request', 'family ANALYTICS, transport WEBSOCKET and extensions.measureProducerId are required').body);
  }
  if (!sim.producers.some((p) => p.id === producerId)) return reply(res, 400, problem(400, 'Bad Request', `Unknown measure producer ${producerId}`).body);
  const s = sim.createSubscription(producerId, 'client', token);
  reply(res, 201, sim.subscriptionBody(s));
}
