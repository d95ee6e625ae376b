/**
 * Removing a Telphin source for good: delete the webhook subscriptions it registered. Independent of
 * a running connector (the source may already be stopped), so settings code can call it after the
 * user removes the source. Ordinary stops and restarts keep the subscriptions.
 */
import type { TelphinSourceConfig } from '../../../shared/sources';
import { systemClock, type Clock } from '../../util/clock';
import { createLogger, type Logger } from '../../util/logger';
import type { FetchLike } from '../types';
import { fetchAgents } from './api';
import { TelphinClient } from './client';
import { unsubscribe } from './subscriptions';
import { hookPrefix } from './webhook';

export interface RemovalDeps {
  fetch?: FetchLike;
  clock?: Clock;
  log?: Logger;
}

/**
 * Deletes every agent event whose URL is under `{webhook.publicUrl}/hooks/telphin/` (ours, whatever
 * secret it carries) and nobody else's. Returns how many were deleted; 0 without a public URL.
 * Throws the connector's classified errors (auth, quota, network) with a message for people.
 */
export async function removeTelphinSubscriptions(config: TelphinSourceConfig, deps: RemovalDeps = {}): Promise<number> {
  if (!config.webhook?.publicUrl) return 0;
  const log = deps.log ?? createLogger({ scope: `telphin:${config.id}` });
  const client = new TelphinClient({ config, fetch: deps.fetch ?? ((i, init) => fetch(i, init)), clock: deps.clock ?? systemClock, log });
  const health = { rejected: (reason: string) => log.warn(`rejected input: ${reason}`) };
  const { agents } = await fetchAgents(client, health);
  const removed = await unsubscribe(client, health, agents, hookPrefix(config.webhook.publicUrl));
  log.info(`removed ${removed} webhook subscription${removed === 1 ? '' : 's'}`);
  return removed;
}
