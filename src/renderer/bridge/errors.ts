/**
 * What a command failed with. The collector's stream answers `{code, message}` (with `reason` and
 * `field` for the refusals a dashboard words itself); the tray app's preload rejects with the same
 * fields in a plain object (contextBridge copies no Error class); the client turns both into a
 * CommandError, so views read `code`, `reason` and `message` the same way.
 */
import { BRIDGE_REASONS, type BridgeReason } from '../../shared/bridge';

export class CommandError extends Error {
  constructor(
    readonly code: string,
    message: string,
    /** A refusal this dashboard words in its reader's language (i18n/error-text), and the field it is about. */
    readonly reason: BridgeReason | null = null,
    readonly field: string | null = null,
  ) {
    super(message);
    this.name = 'CommandError';
  }
}

const isReason = (v: unknown): v is BridgeReason => typeof v === 'string' && (BRIDGE_REASONS as readonly string[]).includes(v);

/** Any rejection as a CommandError (`failed` when it carries no code); reasons this dashboard does not know are dropped. */
export function toCommandError(e: unknown): CommandError {
  if (e instanceof CommandError) return e;
  if (typeof e === 'object' && e !== null) {
    const { code, message, reason, field } = e as { code?: unknown; message?: unknown; reason?: unknown; field?: unknown };
    if (typeof message === 'string') {
      const known = isReason(reason) ? reason : null;
      return new CommandError(typeof code === 'string' ? code : 'failed', message, known, known && typeof field === 'string' ? field : null);
    }
  }
  return new CommandError('failed', typeof e === 'string' ? e : String(e));
}
