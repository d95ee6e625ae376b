/**
 * Secrets never leave their store. A collector runs the four vendors against their simulators with
 * known credential values (given as `env:` references, and one entered through the bridge), is
 * exercised over HTTP, the WebSocket bridge and webhooks — snapshots, settings, export, tests with
 * wrong credentials, refused requests, a source whose token is refused — and then every log line,
 * every WebSocket message, every HTTP answer and every file it wrote (its 0600 config file, the store,
 * excepted) is scanned for each credential value and for the tokens and sessions the vendors issued.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { startCollector, type Collector } from '../../src/server/collector';
import { SettingsSchema } from '../../src/shared/settings';
import { createLogger } from '../../src/core/util/logger';
import { webhookSecret } from '../../src/core/connectors/telphin';
import { WolkvoxSimulator } from '../../src/simulators/wolkvox/server';
import { demoTeam } from '../../src/simulators/wolkvox/demo';
import { AxialysSimulator } from '../../src/simulators/axialys/server';
import { DemoTeam } from '../../src/simulators/axialys/demo-team';
import { AvayaSimulator } from '../../src/simulators/avaya/server';
import { startTelphinSimulator, type TelphinSimulator } from '../../src/simulators/telphin/server';
import type { TelphinSourceConfig } from '../../src/shared/sources';

const SECRET = {
  wolkvoxToken: 'wv-secret-token-5f1c9a7e3b',
  wolkvoxRefused: 'wv-refused-token-0d2e4c6a8b',
  axialysPassword: 'ax-secret-password-8c3f1e',
  avayaClientSecret: 'av-client-secret-2b7d9f',
  avayaAppKey: 'av-appkey-secret-6e4a1c',
  telphinClientSecret: 'tp-client-secret-9a3c5e',
  collectorToken: 'collector-access-token-4d8b2f',
  wrongGuess: 'wrong-guess-secret-7a1b3c',
};

interface Rig {
  dir: string;
  collector: Collector;
  logs: string[];
  ws: WebSocket;
  messages: string[];
  http: string[];
  sims: { wolkvox: WolkvoxSimulator; axialys: AxialysSimulator; avaya: AvayaSimulator; telphin: TelphinSimulator; team: DemoTeam };
  telphin: TelphinSourceConfig;
  /** A server standing for someone else's: it records what reaches it. */
  stranger: { server: Server; url: string; seen: string[] };
}

let r: Rig;

async function until<T>(what: string, probe: () => T | null | undefined | false, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((res) => setTimeout(res, 25));
  }
}

/** A collector of its own for one case: no dashboard, a silent log. */
function quietCollector(sources: unknown[], env: Record<string, string>): Promise<Collector> {
  return startCollector({
    settings: SettingsSchema.parse({ sources }),
    env,
    port: 0,
    staticDir: join(r.dir, 'no-dashboard'),
    logger: createLogger({ level: 'error', sink: () => undefined }),
  });
}

/** A page's stream to `collector`, every message it answers kept. */
async function openStream(collector: Collector): Promise<{ ws: WebSocket; replies: { id?: number; ok?: boolean; error?: Record<string, unknown> }[] }> {
  const ws = new WebSocket(`${collector.url.replace('http', 'ws')}/api/stream`);
  const replies: { id?: number; ok?: boolean; error?: Record<string, unknown> }[] = [];
  ws.on('message', (d) => replies.push(JSON.parse(d.toString())));
  await new Promise<void>((res) => ws.once('open', () => res()));
  return { ws, replies };
}

let nextId = 1;
async function invoke(channel: string, payload: unknown): Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string } }> {
  const id = nextId++;
  r.ws.send(JSON.stringify({ type: 'invoke', id, channel, payload }));
  const reply = await until(`the answer to ${channel}`, () => r.messages.map((m) => JSON.parse(m)).find((m) => m.type === 'result' && m.id === id));
  return reply;
}

async function get(path: string, token: string | null = SECRET.collectorToken, init: RequestInit = {}): Promise<Response> {
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  const res = await fetch(`${r.collector.url}${path}`, { ...init, headers: { ...headers, ...(init.headers as Record<string, string>) } });
  const text = await res.clone().text();
  r.http.push(`${res.status} ${JSON.stringify([...res.headers])} ${text}`);
  return res;
}

const source = (id: string) => r.collector.engine.snapshot().sources.find((s) => s.id === id);

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cctm-secrets-'));
  const logs: string[] = [];
  const wolkvox = new WolkvoxSimulator({ tokens: [SECRET.wolkvoxToken], team: demoTeam(), quotaPerDay: null });
  const wolkvoxUrl = await wolkvox.start();
  const axialys = await new AxialysSimulator({ socketIo: 'v2', login: 'sup.secure', password: SECRET.axialysPassword }).start();
  const team = new DemoTeam(axialys);
  team.start();
  const avaya = await new AvayaSimulator({ accountId: 'SECRTX', clientId: 'sec-client', clientSecret: SECRET.avayaClientSecret, appKey: SECRET.avayaAppKey }).start();
  avaya.setAgent('agent-1', { name: 'Ana', state: 'READY' }, true);
  avaya.setQueue('q-1', { name: 'Support', queueing: 2 }, true);
  const telphin = await startTelphinSimulator({
    clientId: 'sec-telphin-app',
    clientSecret: SECRET.telphinClientSecret,
    agents: [
      { id: '136', type: 'local', name: 'Anna', status: 'available' },
      { id: '201', type: 'remote', name: 'Dmitry', number: '79161234567', status: 'available' },
    ],
  });
  const stranger = { server: createServer(), url: '', seen: [] as string[] };
  stranger.server.on('request', (req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      stranger.seen.push(`${req.method} ${req.url} ${JSON.stringify(req.headers)} ${body}`);
      res.writeHead(403, { 'content-type': 'application/json' });
      res.end('{"code":403,"error":"PLEASE VALIDATE TOKEN","msg":null,"data":null}');
    });
  });
  await new Promise<void>((res) => stranger.server.listen(0, '127.0.0.1', () => res()));
  stranger.url = `http://127.0.0.1:${(stranger.server.address() as AddressInfo).port}`;

  const config = {
    sources: [
      { id: 'wv', vendor: 'wolkvox', server: '0031', token: 'env:WV_TOKEN', baseUrl: wolkvoxUrl, poll: { latencySec: 1, agentsSec: 1, skillsSec: 1 } },
      { id: 'wv-refused', vendor: 'wolkvox', server: '0031', token: 'env:WV_REFUSED', baseUrl: wolkvoxUrl },
      { id: 'ax', vendor: 'axialys', mode: 'supervisor', login: 'sup.secure', password: 'env:AX_PASSWORD', authUrl: axialys.authUrl, tokenUrl: axialys.tokenUrl, socketUrl: axialys.origin, socketIo: 'v2' },
      { id: 'av', vendor: 'avaya', apiBaseUrl: avaya.url, accountId: 'SECRTX', clientId: 'sec-client', clientSecret: 'env:AV_SECRET', appKey: 'env:AV_APPKEY' },
    ],
    server: { accessToken: 'env:COLLECTOR_TOKEN' },
    // A refused source raises its alert after a second instead of a minute.
    alerts: { rules: [{ id: 'source.down', forSec: 1 }] },
  };
  const configPath = join(dir, 'collector.json');
  writeFileSync(configPath, JSON.stringify(config, null, 2), { mode: 0o600 });
  const env = {
    WV_TOKEN: SECRET.wolkvoxToken,
    WV_REFUSED: SECRET.wolkvoxRefused,
    AX_PASSWORD: SECRET.axialysPassword,
    AV_SECRET: SECRET.avayaClientSecret,
    AV_APPKEY: SECRET.avayaAppKey,
    COLLECTOR_TOKEN: SECRET.collectorToken,
  };
  const collector = await startCollector({
    settings: SettingsSchema.parse(config),
    configPath,
    env,
    port: 0,
    staticDir: join(dir, 'no-dashboard'),
    logger: createLogger({ scope: 'collector', level: 'debug', sink: (line) => void logs.push(line) }),
    engine: { alertHistoryPath: join(dir, 'alert-history.json') },
  });
  const messages: string[] = [];
  const ws = new WebSocket(`${collector.url.replace('http', 'ws')}/api/stream?token=${SECRET.collectorToken}`);
  ws.on('message', (d) => messages.push(d.toString()));
  await new Promise<void>((res, rej) => {
    ws.once('open', () => res());
    ws.once('error', rej);
  });
  const telphinConfig: TelphinSourceConfig = {
    id: 'tp',
    vendor: 'telphin',
    apiBaseUrl: telphin.apiBaseUrl,
    tokenUrl: telphin.tokenUrl,
    clientId: telphin.clientId,
    clientSecret: SECRET.telphinClientSecret,
    clientRef: '@me',
    pollSec: 30,
    webhook: { publicUrl: collector.url },
  };
  r = { dir, collector, logs, ws, messages, http: [], sims: { wolkvox, axialys, avaya, telphin, team }, telphin: telphinConfig, stranger };
}, 60_000);

afterAll(async () => {
  r?.ws.close();
  await r?.collector.stop();
  r?.sims.team.stop();
  await Promise.allSettled([r?.sims.wolkvox.stop(), r?.sims.axialys.stop(), r?.sims.avaya.stop(), r?.sims.telphin.close()]);
  await new Promise((res) => r?.stranger.server.close(res));
  if (r) rmSync(r.dir, { recursive: true, force: true });
});

describe('secrets stay in their store', () => {
  it('are used with every vendor while nothing else shows them', async () => {
    // A credential entered through the bridge (as the dashboard's form does).
    const saved = await invoke('sources:save', { config: r.telphin, allowPlaintextSecrets: true });
    expect(saved.ok).toBe(true);
    for (const id of ['wv', 'ax', 'av', 'tp']) await until(`${id} to go live`, () => source(id)?.status === 'live', 20_000);
    await until('wv-refused to be refused', () => source('wv-refused')?.status === 'auth_failed');
    expect(source('wv-refused')!.lastError).toMatch(/Wolkvox rejected the token/);

    // Webhooks: deliveries through the simulator (the secret is in their path), and a wrong secret.
    await r.sims.telphin.setStatus('136', 'logged_out', 'phone');
    await until('the webhook to apply', () => r.collector.engine.state.agents.get('tp:136')?.state === 'logged_out');
    const wrongHook = await get(`/hooks/telphin/${SECRET.wrongGuess}`, null, { method: 'POST', body: 'agent_id=136&agent_status=available' });
    expect(wrongHook.status).toBe(401);

    // The HTTP API, with the token, without it and with a wrong one.
    for (const path of ['/api/health', '/api/snapshot', '/api/alerts?state=all', '/api/alerts/export.csv', '/api/nothing', '/api/alerts?state=bogus']) await get(path);
    expect((await get('/api/snapshot', SECRET.wrongGuess)).status).toBe(401);
    expect((await get('/api/snapshot', null)).status).toBe(401);
    expect((await get('/api/alerts/snooze', SECRET.collectorToken, { method: 'POST', body: JSON.stringify({ minutes: SECRET.wolkvoxToken }) })).status).toBe(400);

    // The bridge: views, export, history, log, and tests of connection.
    for (const channel of ['snapshot:get', 'settings:get', 'settings:export', 'log:get', 'alerts:history']) {
      expect((await invoke(channel, channel === 'log:get' || channel === 'alerts:history' ? {} : undefined)).ok).toBe(true);
    }
    const view = (await invoke('settings:get', undefined)).value as { sources: { id: string; secrets?: Record<string, boolean> }[] };
    expect(view.sources.find((s) => s.id === 'av')!.secrets).toEqual({ clientSecret: true, appKey: true });
    const wrong = {
      wv: { token: SECRET.wrongGuess },
      ax: { password: SECRET.wrongGuess },
      av: { clientSecret: SECRET.wrongGuess },
      tp: { clientSecret: SECRET.wrongGuess },
    } as const;
    const stored = Object.fromEntries((SettingsSchema.parse(JSON.parse(readFileSync(join(r.dir, 'collector.json'), 'utf8'))).sources).map((s) => [s.id, s]));
    for (const [id, fields] of Object.entries(wrong)) {
      const result = await invoke('sources:test', { config: { ...stored[id], ...fields }, previousId: id });
      expect(result.ok, id).toBe(true);
      expect((result.value as { ok: boolean }).ok, `${id} with a wrong secret`).toBe(false);
    }
    const good = await invoke('sources:test', { config: { ...stored.av, clientSecret: '', appKey: '' }, previousId: 'av' });
    expect((good.value as { ok: boolean }).ok).toBe(true);
    const invalid = await invoke('sources:save', { config: { id: 'bad id!', vendor: 'wolkvox', server: 31, token: SECRET.wolkvoxToken, baseUrl: 'ftp://x' } });
    expect(invalid).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    // The refused source raised an alert; removing the source resolves it into the history file.
    await until('the refused source\'s alert', () => r.collector.engine.alerts.list('firing').some((a) => a.subject.key === 'wv-refused'));
    expect((await invoke('sources:remove', { id: 'wv-refused' })).ok).toBe(true);
    await new Promise((res) => setTimeout(res, 1500)); // a few more polls and patches

    await r.collector.stop();
    const issued = [...r.sims.avaya.tokens.map((t) => t.value), ...r.sims.axialys.inits.map((i) => String(i.session))];
    expect(issued.length).toBeGreaterThan(1);
    const secrets = [...Object.values(SECRET), webhookSecret(r.telphin), ...issued];

    const files = readdirSync(r.dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() && join(e.parentPath, e.name) !== join(r.dir, 'collector.json'))
      .map((e) => ({ name: e.name, text: readFileSync(join(e.parentPath, e.name), 'utf8') }));
    expect(files.map((f) => f.name)).toContain('alert-history.json');
    const places: Record<string, string> = {
      log: r.logs.join('\n'),
      'WebSocket messages': r.messages.join('\n'),
      'HTTP answers': r.http.join('\n'),
      ...Object.fromEntries(files.map((f) => [`file ${f.name}`, f.text])),
    };
    expect(r.logs.length).toBeGreaterThan(20);
    expect(r.messages.length).toBeGreaterThan(10);
    for (const [where, text] of Object.entries(places)) {
      for (const s of secrets) expect(text.includes(s), `${where} contains ${s.slice(0, 6)}…`).toBe(false);
    }

    // The store itself: 0600, `env:` references kept, the credential entered through the bridge in it.
    const store = readFileSync(join(r.dir, 'collector.json'), 'utf8');
    expect(statSync(join(r.dir, 'collector.json')).mode & 0o777).toBe(0o600);
    for (const s of [SECRET.wolkvoxToken, SECRET.axialysPassword, SECRET.avayaClientSecret, SECRET.avayaAppKey, SECRET.collectorToken]) expect(store).not.toContain(s);
    expect(store).toContain('env:WV_TOKEN');
    expect(store).toContain(SECRET.telphinClientSecret);
  }, 90_000);

  it('a test of connection aimed at another address does not take the stored secret there', async () => {
    const stored = SettingsSchema.parse(JSON.parse(readFileSync(join(r.dir, 'collector.json'), 'utf8'))).sources.find((s) => s.id === 'wv')!;
    const collector = await quietCollector([stored], { WV_TOKEN: SECRET.wolkvoxToken });
    try {
      const { ws, replies } = await openStream(collector);
      // The dashboard (or a script in it) asks to test "wv" with its address changed and the secret left blank.
      ws.send(JSON.stringify({ type: 'invoke', id: 1, channel: 'sources:test', payload: { config: { ...stored, token: '', baseUrl: r.stranger.url }, previousId: 'wv' } }));
      const reply = await until('the test result', () => replies.find((m) => m.id === 1));
      ws.close();
      expect(r.stranger.seen.join('\n')).not.toContain(SECRET.wolkvoxToken);
      // Refused with a reason the dashboard words itself, under the token's field.
      expect(reply).toMatchObject({ ok: false, error: { code: 'invalid_request', reason: 'secret_again', field: 'token' } });
      expect(String(reply.error?.message)).toMatch(/^token: the address changed \(baseUrl\); enter the secret again/);
    } finally {
      await collector.stop();
    }
  }, 30_000);

  it("a page cannot have the collector read one of its environment variables and send it to an address of its choosing", async () => {
    const collector = await quietCollector([], { WV_TOKEN: SECRET.wolkvoxToken, HOME_SECRET: 'not-for-strangers-4411' });
    try {
      const { ws, replies } = await openStream(collector);
      const config = { id: 'grab', vendor: 'wolkvox', server: '0031', token: 'env:HOME_SECRET', baseUrl: r.stranger.url, allowInsecure: true };
      ws.send(JSON.stringify({ type: 'invoke', id: 1, channel: 'sources:test', payload: { config } }));
      ws.send(JSON.stringify({ type: 'invoke', id: 2, channel: 'sources:save', payload: { config: { ...config, token: ' safe:grab/token' } } }));
      const test = await until('the test result', () => replies.find((m) => m.id === 1));
      const save = await until('the save result', () => replies.find((m) => m.id === 2));
      ws.close();
      expect(test).toMatchObject({ ok: false, error: { code: 'invalid_request', reason: 'secret_reference', field: 'token' } });
      expect(save).toMatchObject({ ok: false, error: { code: 'invalid_request', reason: 'secret_reference', field: 'token' } });
      await new Promise((res) => setTimeout(res, 200));
      expect(r.stranger.seen.join('\n')).not.toContain('not-for-strangers-4411');
      expect(collector.engine.snapshot().sources.map((s) => s.id)).not.toContain('grab');
    } finally {
      await collector.stop();
    }
  }, 30_000);

  it("a collector's address pasted with its token keeps the token as the credential, not in the address shown everywhere", async () => {
    const collector = await quietCollector([], {});
    try {
      const { ws, replies } = await openStream(collector);
      const token = 'TeamCollectorToken-7788';
      // What the collector prints ("dashboard: http://…/?token=…"), pasted whole into the address.
      const config = { id: 'team', vendor: 'collector', url: `http://user:pw@127.0.0.1:9/floor/?token=${token}#top` };
      ws.send(JSON.stringify({ type: 'invoke', id: 1, channel: 'sources:save', payload: { config, allowPlaintextSecrets: true } }));
      const saved = await until('the save result', () => replies.find((m) => m.id === 1));
      ws.send(JSON.stringify({ type: 'invoke', id: 2, channel: 'settings:export' }));
      const exported = await until('the export', () => replies.find((m) => m.id === 2));
      ws.close();
      expect(saved).toMatchObject({ ok: true });
      const view = (saved as { value: { sources: { id: string; url?: string; secrets: Record<string, boolean> }[] } }).value.sources.find((x) => x.id === 'team')!;
      expect(view.url).toBe('http://127.0.0.1:9/floor/');
      expect(view.secrets).toEqual({ accessToken: true });
      expect(JSON.stringify(replies)).not.toContain(token);
      expect(JSON.stringify(exported)).not.toContain(token);
      // Kept as the source's credential, sent as a header, never in the address.
      expect(collector.engine.sourceConfig('team')).toMatchObject({ url: 'http://127.0.0.1:9/floor/', accessToken: token });
    } finally {
      await collector.stop();
    }
  }, 30_000);
});
