/**
 * What a command failed with. The collector's stream answers `{code, message}`; the tray app's
 * preload rejects with a plain `{name, code, message}` object (contextBridge copies no Error class);
 * the client turns both into a CommandError, so views read `code` and `message` the same way.
 */
export class CommandError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'CommandError';
  }
}

/** Any rejection as a CommandError (`failed` when it carries no code). */
export function toCommandError(e: unknown): CommandError {
  if (e instanceof CommandError) return e;
  if (typeof e === 'object' && e !== null) {
    const { code, message } = e as { code?: unknown; message?: unknown };
    if (typeof message === 'string') return new CommandError(typeof code === 'string' ? code : 'failed', message);
  }
  return new CommandError('failed', typeof e === 'string' ? e : String(e));
}
