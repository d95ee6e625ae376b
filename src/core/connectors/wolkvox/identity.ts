/**
 * Agent identity across reports (CONTRACT.md): the latency report's `agent_id` may read
 * "1001-Ana" while the agents report says "1001" — the digits are the agent's `vendorId` and the
 * suffix is a name. Ids that are not digit-led are kept whole (VENDORS.md: "do not assume digits").
 */
export interface AgentIdentity {
  vendorId: string;
  name: string | null;
}

const DIGITS_NAME = /^(\d+)\s*[-–_ ]\s*(.*\S)?\s*$/;

/** Identities by raw id: every poll repeats the same ids (bounded; the results are never modified). */
const known = new Map<string, AgentIdentity>();

export function agentIdentity(raw: string): AgentIdentity {
  let identity = known.get(raw);
  if (identity === undefined) {
    identity = Object.freeze(readIdentity(raw));
    if (known.size >= 20_000) known.clear();
    known.set(raw, identity);
  }
  return identity;
}

function readIdentity(raw: string): AgentIdentity {
  const s = raw.trim();
  if (/^\d+$/.test(s)) return { vendorId: s, name: null };
  const m = DIGITS_NAME.exec(s);
  if (m) return { vendorId: m[1]!, name: m[2] ? m[2].trim() : null };
  return { vendorId: s, name: null };
}
