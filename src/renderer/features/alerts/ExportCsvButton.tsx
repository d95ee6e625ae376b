/** Downloads the alert history as CSV (`alerts:export-csv`). */
import { useState } from 'react';
import { useClient } from '../../bridge/react';
import { useI18n } from '../../i18n/context';

/** `alerts-20261122-1030.csv`, or `alerts-<source>-…` for one source's (its id, kept to safe characters). */
export function csvFileName(at: Date, sourceId?: string): string {
  const p = (x: number) => String(x).padStart(2, '0');
  const source = sourceId ? `${sourceId.replace(/[^A-Za-z0-9_-]+/g, '_')}-` : '';
  return `alerts-${source}${at.getFullYear()}${p(at.getMonth() + 1)}${p(at.getDate())}-${p(at.getHours())}${p(at.getMinutes())}.csv`;
}

/** `sourceId`: the Alerts view's source filter; the file then holds that source's alerts only. */
export function ExportCsvButton({ onError, sourceId }: { onError: (m: string | null) => void; sourceId?: string }) {
  const { t } = useI18n();
  const client = useClient();
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      const csv = await client.invoke('alerts:export-csv', sourceId ? { sourceId } : undefined);
      const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = csvFileName(new Date(), sourceId);
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      onError(null);
    } catch (e) {
      onError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <button type="button" onClick={run} disabled={busy}>
      {t('alerts.exportCsv')}
    </button>
  );
}
