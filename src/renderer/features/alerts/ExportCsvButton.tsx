/**
 * Downloads the firing alerts and the alert history as a spreadsheet file in the dashboard's language
 * (sheet.ts). The collector's `/api/alerts/export.csv` keeps the fixed English form for scripts.
 */
import { useState } from 'react';
import { byUrgency, type Alert } from '../../../shared/model';
import { useClient } from '../../bridge/react';
import { useI18n } from '../../i18n/context';
import { alertsSheet, sheetFormat } from './sheet';
import { downloadText } from '../../lib/download';
import { errorText } from '../../i18n/error-text';

/** All the history the host keeps (its ring holds 5,000 by default; the channel allows 100,000). */
const HISTORY_LIMIT = 100_000;

/** `alerts-20261122-1030.csv`, or `alerts-<source>-…` for one source's (its id, kept to safe characters). */
export function csvFileName(at: Date, sourceId?: string): string {
  const p = (x: number) => String(x).padStart(2, '0');
  const source = sourceId ? `${sourceId.replace(/[^A-Za-z0-9_-]+/g, '_')}-` : '';
  return `alerts-${source}${at.getFullYear()}${p(at.getMonth() + 1)}${p(at.getDate())}-${p(at.getHours())}${p(at.getMinutes())}.csv`;
}

/** `sourceId`: the Alerts view's source filter; the file then holds that source's alerts only. */
export function ExportCsvButton({ onError, sourceId }: { onError: (m: string | null) => void; sourceId?: string }) {
  const tr = useI18n();
  const client = useClient();
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      const mine = (a: Alert) => !sourceId || a.sourceId === sourceId;
      const history = (await client.invoke('alerts:history', { limit: HISTORY_LIMIT })).filter((a) => mine(a) && a.state === 'resolved');
      const firing = [...client.store.alerts.values()].filter((a) => mine(a) && a.state === 'firing').sort(byUrgency);
      const text = alertsSheet([...firing, ...history], client.store, tr, sheetFormat(tr.lang));
      downloadText(text, csvFileName(new Date(), sourceId), 'text/csv;charset=utf-8');
      onError(null);
    } catch (e) {
      onError(errorText(e, tr.t));
    } finally {
      setBusy(false);
    }
  };
  return (
    <button type="button" onClick={run} disabled={busy} title={tr.t('alerts.exportCsvHint')}>
      {tr.t('alerts.exportCsv')}
    </button>
  );
}
