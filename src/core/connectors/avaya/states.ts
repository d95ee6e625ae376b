/**
 * AXP `agentState` → model state (CONTRACT.md "Agent state mapping"). Values are compared without case
 * and separators (`NOT_READY` ≡ `NotReady`); anything unmapped is `unknown`, the raw value kept.
 */
import type { AgentState } from '../../../shared/model';
import { canonical } from './wire';

const TABLE: Record<string, AgentState> = {
  READY: 'available',
  AVAILABLE: 'available',
  IDLE: 'available',
  NOTREADY: 'paused',
  AUX: 'paused',
  AWAY: 'paused',
  BREAK: 'paused',
  BUSY: 'on_call',
  ACTIVE: 'on_call',
  ENGAGED: 'on_call',
  INCALL: 'on_call',
  ONCALL: 'on_call',
  TALKING: 'on_call',
  CONNECTED: 'on_call',
  HOLD: 'on_call',
  ONHOLD: 'on_call',
  ACW: 'wrap_up',
  AFTERCALLWORK: 'wrap_up',
  WRAPUP: 'wrap_up',
  LOGGEDOUT: 'logged_out',
  LOGOUT: 'logged_out',
  LOGGEDOFF: 'logged_out',
  OFFLINE: 'logged_out',
  ALERTING: 'ringing',
  RINGING: 'ringing',
  OFFERED: 'ringing',
};

export function mapAgentState(raw: string | null): AgentState {
  if (raw === null) return 'unknown';
  return TABLE[canonical(raw)] ?? 'unknown';
}

/** Reason codes that mean "no reason". */
const NO_REASON = new Set(['NA', 'NONE', 'NULL', '']);

export function pauseReason(raw: string | null): string | null {
  if (raw === null) return null;
  const t = raw.trim();
  return NO_REASON.has(canonical(t)) ? null : t;
}
