/**
 * The tray app's logger: redacted lines (src/core/util/logger) to stderr and to a log file in the
 * app's log folder, kept small by starting a new file above 5 MB.
 */
import { createWriteStream, mkdirSync, renameSync, statSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import { createLogger, type Logger } from '../core/util/logger';

const MAX_BYTES = 5 * 1024 * 1024;

export function createMainLogger(dir: string): Logger {
  let stream: WriteStream | null = null;
  try {
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'main.log');
    try {
      if (statSync(file).size > MAX_BYTES) renameSync(file, join(dir, 'main.old.log'));
    } catch {
      // no previous log
    }
    stream = createWriteStream(file, { flags: 'a', mode: 0o600 });
    stream.on('error', () => {
      stream = null;
    });
  } catch {
    stream = null;
  }
  return createLogger({
    scope: 'main',
    sink: (line) => {
      process.stderr.write(`${line}\n`);
      stream?.write(`${line}\n`);
    },
  });
}
