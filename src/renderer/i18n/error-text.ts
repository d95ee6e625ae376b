/**
 * A failed command as the reader reads it: what the dashboard itself can say about the failure (no
 * answer, the connection lost, settings that cannot be changed here, a collector too old for the
 * command, the refusals the host marks with a reason) in their language; otherwise the host's own
 * words, which name the field or value refused.
 */
import type { BridgeReason } from '../../shared/bridge';
import { toCommandError } from '../bridge/errors';
import type { Translator } from './translate';

const OWN = {
  timeout: 'error.timeout',
  disconnected: 'error.disconnected',
  not_editable: 'settings.readOnly',
  unknown_channel: 'error.unknownCommand',
} as const;

const REASONS = {
  duplicate_id: 'error.duplicateId',
  secret_again: 'error.secretAgain',
  secret_reference: 'error.secretReference',
  demo_unavailable: 'error.demoUnavailable',
} as const satisfies Record<BridgeReason, string>;

export function errorText(e: unknown, t: Translator['t']): string {
  const err = toCommandError(e);
  if (err.reason) return t(REASONS[err.reason]);
  const key = Object.prototype.hasOwnProperty.call(OWN, err.code) ? OWN[err.code as keyof typeof OWN] : null;
  return key ? t(key) : err.message;
}
