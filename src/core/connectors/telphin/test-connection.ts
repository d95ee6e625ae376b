/**
 * "Test connection" for a Telphin source: obtain a token, read both agent lists and (in webhook mode)
 * the event limit, without touching the live state or the subscriptions.
 */
import type { TestResult } from '../../../shared/bridge';
import type { TelphinSourceConfig } from '../../../shared/sources';
import { failedTest } from '../errors';
import type { ConnectorContext } from '../types';
import { fetchAgents, fetchEventLimit } from './api';
import { TelphinClient } from './client';

export async function testTelphin(ctx: ConnectorContext<TelphinSourceConfig>): Promise<TestResult> {
  const { config } = ctx;
  const client = new TelphinClient({ config, fetch: ctx.fetch, clock: ctx.clock, log: ctx.log });
  const rejected: string[] = [];
  try {
    await client.ensureToken();
    const { agents } = await fetchAgents(client, { rejected: (r) => rejected.push(r) });
    const local = agents.filter((a) => a.type === 'local').length;
    const remote = agents.length - local;
    const details: Record<string, string | number | boolean | null> = {
      agents: agents.length,
      local,
      remote,
      mode: config.webhook?.publicUrl ? 'webhook' : 'polling',
      quotaLimit: client.quota.limit,
      quotaRemaining: client.quota.remaining,
    };
    let mode: string;
    if (config.webhook?.publicUrl) {
      const limit = await fetchEventLimit(client).catch(() => null);
      details.eventLimit = limit;
      const need = agents.length * 2;
      mode =
        limit !== null && need > limit
          ? ` Webhook mode needs ${need} agent events but the account allows ${limit}: raise the limit with Telphin.`
          : ` Webhook mode: ${need} agent events will be registered at ${config.webhook.publicUrl}/hooks/telphin/….`;
    } else {
      mode = ` Polling mode (no public webhook URL) every ${config.pollSec ?? 120} s or slower as the hourly quota requires.`;
    }
    const quota = client.quota.remaining !== null ? ` ${client.quota.remaining} of ${client.quota.limit ?? '?'} requests left this hour.` : '';
    const skipped = rejected.length ? ` ${rejected.length} unreadable agent entr${rejected.length === 1 ? 'y was' : 'ies were'} skipped.` : '';
    return { ok: true, message: `Connected to Telphin: ${agents.length} queue agents (${local} local, ${remote} remote).${mode}${quota}${skipped}`, details };
  } catch (e) {
    return failedTest(e);
  }
}
