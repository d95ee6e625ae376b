/**
 * Alert history as CSV (RFC 4180: CRLF, fields with `,` `"` or line breaks quoted, quotes doubled).
 * Safe to open in a spreadsheet: a text cell starting with = + - @ (or tab/CR) is prefixed with `'`
 * so it is never evaluated as a formula (OWASP "CSV injection").
 */
import type { Alert } from '../../shared/model';
import { csvText } from '../../shared/csv';

const COLUMNS = [
  'id',
  'rule',
  'metric',
  'severity',
  'state',
  'subject_kind',
  'subject_key',
  'subject_name',
  'source',
  'value',
  'threshold',
  'since',
  'fired_at',
  'resolved_at',
  'duration_sec',
  'acknowledged',
  'message',
] as const;

export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return csvText(value);
}

const iso = (ms: number | null | undefined) => (typeof ms === 'number' && Number.isFinite(ms) ? new Date(ms).toISOString() : null);

export function alertsToCsv(alerts: readonly Alert[]): string {
  const lines = [COLUMNS.join(',')];
  for (const a of alerts) {
    const end = a.resolvedAt ?? null;
    const row = [
      a.id,
      a.ruleId,
      a.metric,
      a.severity,
      a.state,
      a.subject.kind,
      a.subject.key,
      a.subjectName ?? null,
      a.sourceId ?? null,
      a.value,
      a.threshold,
      iso(a.since),
      iso(a.firedAt),
      iso(end),
      end === null ? null : Math.round((end - a.since) / 1000),
      a.acknowledged,
      a.message,
    ];
    lines.push(row.map(csvCell).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}
