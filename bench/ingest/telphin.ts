/**
 * Telphin: agent login/logout webhook requests with form bodies, as Telphin POSTs them, through the
 * collector's webhook route (the registry's constant-time secret lookup, then the handler it found,
 * as src/server/hooks.ts does) into the real connector's handler (field collection, WebhookFieldsSchema,
 * the agent book) and the engine. The flood guard (by default 20 requests/s) is opened wide for the
 * measurement: at its default it would refuse almost every request of this run.
 */
import { TelphinConnector } from '../../src/core/connectors/telphin/connector';
import { webhookSecret } from '../../src/core/connectors/telphin/webhook';
import type { WebhookRequest } from '../../src/core/webhooks';
import { TelphinSourceSchema } from '../../src/shared/sources';
import { Batcher, engineFor, sourceProblems, type IngestCase } from './common';

/** A fetch that never answers (until aborted): the connector's own polling stays out of the way. */
const silentFetch = (_url: string, init?: RequestInit) =>
  new Promise<Response>((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(Object.assign(new Error('aborted'), { name: 'AbortError' })), { once: true }));

export async function telphinCase(opts: { requests: number; agents: number }): Promise<IngestCase> {
  const config = TelphinSourceSchema.parse({
    id: 'tp',
    vendor: 'telphin',
    apiBaseUrl: 'http://127.0.0.1:9/api/ver1.0',
    tokenUrl: 'http://127.0.0.1:9/oauth/token',
    clientId: 'bench-app',
    clientSecret: 'bench-telphin-secret',
    webhook: { publicUrl: 'http://127.0.0.1:8787' },
    pollSec: 3600,
  });
  const { engine } = engineFor(
    {
      telphin: {
        vendor: 'telphin',
        create: (ctx) => new TelphinConnector(ctx, { webhookBurst: 1e9, webhookRatePerSec: 1e9 }),
        test: async () => ({ ok: true, message: '' }),
        sampleIntervalSec: () => 1,
      },
    },
    { fetch: silentFetch },
  );
  engine.start([config]);
  const secret = webhookSecret(config);

  // Each request flips one agent between logged in and logged out, so every one is a change.
  const bodies: string[] = [];
  const json: string[] = [];
  for (let i = 0; i < opts.requests; i++) {
    const agent = i % opts.agents;
    const fields = {
      agent_id: String(30_000 + agent),
      agent_status: Math.floor(i / opts.agents) % 2 === 0 ? 'available' : 'logged_out',
      agent_type: 'local',
      extension_name: `${30_000 + agent}*101@sipproxy.telphin.ru`,
      event_source: i % 3 === 0 ? 'api' : 'phone',
    };
    bodies.push(new URLSearchParams(fields).toString());
    json.push(JSON.stringify(fields));
  }
  const wire = bodies.map((b) => Buffer.from(b));
  const headers = { host: '127.0.0.1:8787', 'content-type': 'application/x-www-form-urlencoded', 'user-agent': 'Telphin-Webhook' };
  const batcher = new Batcher(engine);
  return {
    vendor: 'telphin',
    frames: wire.length,
    events: wire.length,
    json,
    form: wire,
    describe: `${wire.length} POST webhook requests (x-www-form-urlencoded, ${opts.agents} agents alternating login/logout), ~${Math.round(bodies.reduce((n, b) => n + b.length, 0) / bodies.length)} bytes each; baseline: the same fields as JSON`,
    async pass() {
      for (const body of wire) {
        // What the route does (src/server/hooks.ts): the secret looked up once, then its handler.
        const handler = engine.webhooks.find('telphin', secret);
        if (!handler) throw new Error('the Telphin webhook is not registered');
        const req: WebhookRequest = { method: 'POST', query: new URLSearchParams(), headers, body, contentType: headers['content-type'], remoteAddress: '127.0.0.1' };
        const res = handler(req);
        if (res.status !== 204) throw new Error(`the Telphin webhook answered ${res.status} ${res.body ?? ''}`);
        batcher.maybe();
      }
      engine.flush();
    },
    check: () => sourceProblems(engine, 'tp') ?? (engine.state.agents.size === opts.agents ? null : `expected ${opts.agents} agents, found ${engine.state.agents.size}`),
    stop: () => engine.stop(),
  };
}
