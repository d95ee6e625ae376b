/**
 * Agent identity across reports (CONTRACT.md): the latency report's `agent_id` may read
 * "1001-Ana" while the agents report says "1001" — the digits are the agent's `vendorId` and the
 * suffix is a name. Ids that are not digit-led are kept whole (VENDORS.md: "do not assume digits").
 */
import { remembered } from '../../util/remember';

export interface AgentIdentity {
  vendorId: string;
  name: string | null;
}

const DIGITS_NAME = /^(\d+)\s*[-–_ ]\s*(.*\S)?\s*$/;

/** The identity a raw id names (remembered: every poll repeats the same ids; results are frozen). */
export const agentIdentity = remembered((raw): AgentIdentity => Object.freeze(readIdentity(raw)), 20_000);

function readIdentity(raw: string): AgentIdentity {
  const s = raw.trim();
  if (/^\d+$/.test(s)) return { vendorId: s, name: null };
  const m = DIGITS_NAME.exec(s);
  if (m) return { vendorId: m[1]!, name: m[2] ? m[2].trim() : null };
  return { vendorId: s, name: null };
}
