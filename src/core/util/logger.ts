/**
 * A small structured logger whose every line passes through redaction (secrets never printed).
 * Sinks are injectable; tests capture lines and scan them for known secrets.
 */
import { oneLine } from '../../shared/unsafe-text';
import { redactText, redactValue } from './redact';

export { oneLine };

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface LogRecord {
  level: LogLevel;
  at: number;
  scope: string;
  msg: string;
  data?: unknown;
}
export type LogSink = (line: string, record: LogRecord) => void;

export interface Logger {
  debug(msg: string, data?: unknown): void;
  info(msg: string, data?: unknown): void;
  warn(msg: string, data?: unknown): void;
  error(msg: string, data?: unknown): void;
  child(scope: string): Logger;
}

export const stderrSink: LogSink = (line) => process.stderr.write(`${line}\n`);

export function createLogger(opts: { scope?: string; level?: LogLevel; sink?: LogSink; now?: () => number } = {}): Logger {
  const level = opts.level ?? ((process.env.CCTM_LOG_LEVEL as LogLevel | undefined) || 'info');
  const sink = opts.sink ?? stderrSink;
  const now = opts.now ?? Date.now;
  const make = (scope: string): Logger => {
    const write = (lvl: LogLevel, msg: string, data?: unknown) => {
      if (ORDER[lvl] < (ORDER[level] ?? 20)) return;
      const record: LogRecord = { level: lvl, at: now(), scope, msg: oneLine(redactText(msg)) };
      if (data !== undefined) record.data = redactValue(data);
      let tail = '';
      if (record.data !== undefined) {
        try {
          tail = ` ${oneLine(JSON.stringify(record.data))}`;
        } catch {
          tail = ' [unserializable]';
        }
        if (tail.length > 2000) tail = `${tail.slice(0, 2000)}…`;
      }
      sink(`${new Date(record.at).toISOString()} ${lvl.toUpperCase()} [${scope}] ${record.msg}${tail}`, record);
    };
    return {
      debug: (m, d) => write('debug', m, d),
      info: (m, d) => write('info', m, d),
      warn: (m, d) => write('warn', m, d),
      error: (m, d) => write('error', m, d),
      child: (s) => make(scope ? `${scope}:${s}` : s),
    };
  };
  return make(opts.scope ?? 'cctm');
}

/** A logger that keeps lines in memory (tests, and the tray app's recent-log view). */
export function memoryLogger(level: LogLevel = 'debug'): Logger & { lines: string[]; records: LogRecord[] } {
  const lines: string[] = [];
  const records: LogRecord[] = [];
  const logger = createLogger({
    level,
    sink: (line, rec) => {
      lines.push(line);
      records.push(rec);
      if (lines.length > 5000) {
        lines.shift();
        records.shift();
      }
    },
  });
  return Object.assign(logger, { lines, records });
}
