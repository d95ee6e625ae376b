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
import { said, type Said } from '../../../shared/test-outcomes';

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
    };
    let mode: string;
    const notes: Said[] = [];
    if (config.webhook?.publicUrl) {
      const limit = await fetchEventLimit(client).catch(() => null);
      details.eventLimit = limit;
      const need = agents.length * 2;
      const url = `${config.webhook.publicUrl}/hooks/telphin/`;
      if (limit !== null && need > limit) {
        mode = ` Webhook mode needs ${need} agent events but the account allows ${limit}: raise the limit with Telphin.`;
        notes.push(said('telphin_webhook_limit', { need, limit }));
      } else {
        mode = ` Webhook mode: ${need} agent events will be registered at ${url}….`;
        notes.push(said('telphin_webhook', { count: need, url }));
      }
    } else {
      const seconds = config.pollSec ?? 120;
      mode = ` Polling mode (no public webhook URL) every ${seconds} s or slower as the hourly quota requires.`;
      notes.push(said('telphin_polling', { seconds }));
    }
    // The quota as the last request left it.
    const { remaining, limit } = client.quota;
    details.quotaLimit = limit;
    details.quotaRemaining = remaining;
    const quota = remaining !== null ? ` ${remaining} of ${limit ?? '?'} requests left this hour.` : '';
    if (remaining !== null) notes.push(said('telphin_quota', { remaining, limit: limit ?? '?' }));
    const skipped = rejected.length ? ` ${rejected.length} unreadable agent entr${rejected.length === 1 ? 'y was' : 'ies were'} skipped.` : '';
    if (rejected.length) notes.push(said('telphin_skipped', { count: rejected.length }));
    return {
      ok: true,
      message: `Connected to Telphin: ${agents.length} queue agents (${local} local, ${remote} remote).${mode}${quota}${skipped}`,
      summary: said('telphin', { count: agents.length, local, remote }),
      notes,
      details,
    };
  } catch (e) {
    return failedTest(e);
  }
}
