/**
 * What must hold whatever a vendor sent: every entity passes its model schema (agent state in the
 * enum, waiting an integer ≥ 0, no NaN or infinite numbers), its key is `${sourceId}:${vendorId}` and
 * matches where it is stored, no key appears twice in a snapshot list, the snapshot serializes (the
 * collector sends it as JSON), and no prototype was polluted.
 */
import { AgentSchema, LineSchema, QueueSchema, SiteSchema, SnapshotSchema, entityKey } from '../../../src/shared/model';
import type { Engine } from '../../../src/core/engine';
import { POLLUTION_MARK } from './hostile';

const PROTO_BASELINE = {
  object: Object.getOwnPropertyNames(Object.prototype).sort().join(','),
  array: Object.getOwnPropertyNames(Array.prototype).sort().join(','),
  func: Object.getOwnPropertyNames(Function.prototype).sort().join(','),
};

/** Cheap enough to run after every frame. */
export function prototypeViolation(): string | null {
  const probe: Record<string, unknown> = {};
  if (POLLUTION_MARK in probe || POLLUTION_MARK in []) return `Object.prototype carries ${POLLUTION_MARK}`;
  if (probe.constructor !== Object || Object.getPrototypeOf(probe) !== Object.prototype) return 'a plain object lost its constructor';
  if (Object.getOwnPropertyNames(Object.prototype).sort().join(',') !== PROTO_BASELINE.object) return 'Object.prototype gained or lost properties';
  if (Object.getOwnPropertyNames(Array.prototype).sort().join(',') !== PROTO_BASELINE.array) return 'Array.prototype gained or lost properties';
  if (Object.getOwnPropertyNames(Function.prototype).sort().join(',') !== PROTO_BASELINE.func) return 'Function.prototype gained or lost properties';
  return null;
}

export interface StateFigures {
  agents: number;
  queues: number;
  sites: number;
  lines: number;
  /** Keys used by an agent and a queue at once (vendors number operators and queues separately). */
  sharedAgentQueueKeys: number;
}

function firstIssue(r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }): string {
  const i = r.error?.issues[0];
  return i ? `${i.path.map(String).join('.')}: ${i.message}` : 'invalid';
}

/** Returns the violations found (empty when the state is sound) and the sizes. */
export function checkState(engine: Engine, sourceId: string): { violations: string[]; figures: StateFigures } {
  const v: string[] = [];
  const { agents, queues, sites, lines } = engine.state;
  const keyed = <T extends { key: string; sourceId: string }>(name: string, map: Map<string, T>, idOf: (e: T) => string, schema: { safeParse(x: unknown): { success: boolean } }) => {
    for (const [key, e] of map) {
      if (e.key !== key) v.push(`${name} stored under ${JSON.stringify(key)} has key ${JSON.stringify(e.key)}`);
      if (e.sourceId !== sourceId) v.push(`${name} ${JSON.stringify(key)} belongs to source ${JSON.stringify(e.sourceId)}`);
      if (e.key !== entityKey(sourceId, idOf(e))) v.push(`${name} key ${JSON.stringify(e.key)} is not sourceId:vendorId`);
      const r = schema.safeParse(e) as { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } };
      if (!r.success) v.push(`${name} ${JSON.stringify(key).slice(0, 80)} breaks the model: ${firstIssue(r)}`);
      if (v.length > 20) return;
    }
  };
  keyed('agent', agents, (a) => a.vendorId, AgentSchema);
  keyed('queue', queues, (q) => q.vendorId, QueueSchema);
  keyed('site', sites, (s) => s.ip, SiteSchema);
  keyed('line', lines, (l) => l.user, LineSchema);

  const snap = engine.snapshot();
  for (const [name, list] of [['agents', snap.agents], ['queues', snap.queues], ['sites', snap.sites], ['lines', snap.lines ?? []]] as const) {
    const keys = new Set(list.map((e) => e.key));
    if (keys.size !== list.length) v.push(`the snapshot lists a ${name} key twice`);
  }
  let text = '';
  try {
    text = JSON.stringify(snap);
  } catch (e) {
    v.push(`the snapshot does not serialize: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (text) {
    const parsed = SnapshotSchema.safeParse(JSON.parse(text));
    if (!parsed.success) v.push(`the serialized snapshot breaks the contract: ${firstIssue(parsed)}`);
  }
  let shared = 0;
  for (const key of agents.keys()) if (queues.has(key)) shared++;
  const proto = prototypeViolation();
  if (proto) v.push(proto);
  return { violations: v, figures: { agents: agents.size, queues: queues.size, sites: sites.size, lines: lines.size, sharedAgentQueueKeys: shared } };
}
