/** Downloads the alert history as CSV (`alerts:export-csv`). */
import { useState } from 'react';
import { useClient } from '../../bridge/react';
import { useI18n } from '../../i18n/context';

export function csvFileName(at: Date): string {
  const p = (x: number) => String(x).padStart(2, '0');
  return `alerts-${at.getFullYear()}${p(at.getMonth() + 1)}${p(at.getDate())}-${p(at.getHours())}${p(at.getMinutes())}.csv`;
}

export function ExportCsvButton({ onError }: { onError: (m: string | null) => void }) {
  const { t } = useI18n();
  const client = useClient();
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      const csv = await client.invoke('alerts:export-csv', undefined);
      const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = csvFileName(new Date());
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
