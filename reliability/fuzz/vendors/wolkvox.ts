/**
 * Wolkvox: a frame is one report response. Its path is the connector's own: `pollReport` (the HTTP
 * client reading the body with its size cap, JSON decoding, `readEnvelope`, `judge` for refusals,
 * the lenient parsers and `normalize*`) and then the connector's `deliver` (rejections counted on
 * the source's health, events emitted to the engine). The fuzzer answers the request instead of a
 * server; the connector's polling timer is not started (the fuzzer decides when a report is polled).
 */
import { wolkvoxFactory } from '../../../src/core/connectors/wolkvox';
import { clientOptions } from '../../../src/core/connectors/wolkvox/connector';
import type { TokenLane } from '../../../src/core/connectors/wolkvox/lane';
import { pollReport, type PollOutcome } from '../../../src/core/connectors/wolkvox/poll';
import { REPORTS, type Report } from '../../../src/core/connectors/wolkvox/url';
import type { ConnectorContext, ConnectorFactory } from '../../../src/core/connectors/types';
import type { WolkvoxSourceConfig } from '../../../src/shared/sources';
import type { Json } from '../lib/hostile';
import { encode, mutateValue, poolsOf } from '../lib/mutate';
import { FuzzRig } from '../lib/rig';
import { fixture, type Driver } from '../lib/run';

/** The connector's private frame path (the same instance the engine created), seen structurally. */
interface WolkvoxInternals {
  lane: TokenLane;
  named: ReadonlySet<string>;
  deliver(report: Report, outcome: Exclude<PollOutcome, { kind: 'refused' }>): void;
}

const SEEDS: { report: Report; body: Json; weight: number }[] = [
  { report: 'latency', body: fixture('wolkvox', 'latency-seed.json'), weight: 8 },
  { report: 'latency', body: fixture('wolkvox', 'latency-filled.json'), weight: 24 },
  { report: 'latency', body: fixture('wolkvox', 'latency-strings.json'), weight: 16 },
  { report: 'latency', body: fixture('wolkvox', 'latency-bare-array.json'), weight: 8 },
  { report: 'agents', body: fixture('wolkvox', 'agents.json'), weight: 32 },
  { report: 'agents', body: fixture('wolkvox', 'agents-variants.json'), weight: 16 },
  { report: 'skills', body: fixture('wolkvox', 'skills.json'), weight: 32 },
  { report: 'skills', body: fixture('wolkvox', 'skills-keyed.json'), weight: 16 },
  // Refusal bodies, rarer: most frames should reach the parsers.
  ...Object.values(fixture('wolkvox', 'refusals.json') as Record<string, Json>).map((body, i) => ({ report: REPORTS[i % 3]!, body, weight: 1 })),
];
const WEIGHTED = SEEDS.flatMap((s) => Array.from({ length: s.weight }, () => s));
const POOLS = poolsOf(SEEDS.map((s) => s.body));
/** Mostly 200; other 2xx answers go through the same path. */
const STATUSES = [...Array.from({ length: 17 }, () => 200), 201, 203, 206];

export const wolkvoxDriver: Driver = {
  vendor: 'wolkvox',
  async setup(seed) {
    const config: WolkvoxSourceConfig = { id: 'wv', vendor: 'wolkvox', server: '0031', token: 'fuzz-wolkvox-token-7c1d', baseUrl: 'http://127.0.0.1:9' };
    return new FuzzRig({ config, factory: wolkvoxFactory as unknown as ConnectorFactory, start: false, seed });
  },
  frame(rig, rng, index) {
    const seed = rng.pick(WEIGHTED);
    const value = mutateValue(seed.body, rng, POOLS);
    const body = encode(value, rng, POOLS);
    const status = rng.pick(STATUSES);
    const internals = rig.connector as unknown as WolkvoxInternals;
    return {
      size: body.length,
      describe: () => `#${index} ${seed.report} HTTP ${status} ${body.toString('utf8').slice(0, 240)}`,
      deliver: async () => {
        const ctx: ConnectorContext<WolkvoxSourceConfig> = {
          ...(rig.ctx as ConnectorContext<WolkvoxSourceConfig>),
          fetch: async () => new Response(new Uint8Array(body), { status }),
        };
        const client = clientOptions(ctx, 20_000);
        const lane = internals.lane;
        const outcome = await pollReport({ client, lane, named: internals.named }, seed.report);
        if (outcome.kind === 'refused' && outcome.verdict.kind === 'token_limit') {
          // The quota resets at local midnight: let the day pass so the next frame is requested.
          await rig.clock.advance(Math.max(0, outcome.verdict.until - rig.clock.now()) + 1);
        }
        if (outcome.kind === 'refused') return 'refused';
        internals.deliver(seed.report, outcome);
        return undefined;
      },
    };
  },
};
