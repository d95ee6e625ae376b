/**
 * "Test connection": one agents report through the token's lane (so it never overlaps the source's
 * own polls), without touching the live state. The answer says what worked or what to fix.
 */
import type { TestResult } from '../../../shared/bridge';
import type { WolkvoxSourceConfig } from '../../../shared/sources';
import { failedTest } from '../errors';
import { problem } from '../../../shared/problems';
import { said } from '../../../shared/test-outcomes';
import type { ConnectorContext } from '../types';
import { isAbortError } from '../../util/clock';
import { registerSecret } from '../../util/redact';
import { dailyQuota, projectedDailyUses, quotaWarning } from './budget';
import { clientOptions } from './connector';
import { laneFor } from './lane';
import { pollReport } from './poll';
import { hostOf } from './url';

export async function testConnection(ctx: ConnectorContext<WolkvoxSourceConfig>, timeoutMs: number): Promise<TestResult> {
  registerSecret(ctx.config.token);
  const client = clientOptions(ctx, timeoutMs);
  const host = hostOf(client.baseUrl);
  const lane = laneFor(ctx.shared, ctx.config.token);
  const projected = projectedDailyUses(ctx.config);
  const quota = dailyQuota(ctx.config);
  try {
    const outcome = await pollReport({ client, lane, named: new Set() }, 'agents');
    if (outcome.kind === 'refused') return { ok: false, message: outcome.verdict.message, problem: outcome.verdict.problem, details: { host } };
    if (outcome.kind === 'unusable') {
      return {
        ok: false,
        message: `Wolkvox answered at ${host}, but the agents report could not be read (${outcome.reason}): check the server code and base URL in the Sources view.`,
        problem: problem('agents_report_unreadable', { host }),
        details: { host },
      };
    }
    const warning = quotaWarning(projected, quota, false);
    return {
      ok: true,
      message: `Connected to Wolkvox at ${host}: the agents report lists ${outcome.records} agents.${warning ? ` ${warning}` : ''}`,
      summary: said('wolkvox', { host, count: outcome.records }),
      ...(warning && quota !== null ? { notes: [said('wolkvox_quota', { projected, quota })] } : {}),
      details: {
        host,
        agents: outcome.records,
        tokenUsesToday: lane.usesToday(ctx.clock.now()),
        projectedUsesPerDay: projected,
        quotaPerDay: quota,
      },
    };
  } catch (e) {
    if (isAbortError(e)) return { ok: false, message: 'Wolkvox connection test was cancelled.', problem: problem('test_cancelled') };
    return failedTest(e, { host });
  }
}
