/**
 * Moving the settings to another computer: Export saves them as a file (sources, alert rules, app and
 * display options — never a credential), Import merges such a file here and says which sources it
 * could not take and why (a credential to enter again, an address refused).
 */
import { useRef, useState, type ChangeEvent } from 'react';
import { useClient } from '../../bridge/react';
import { useI18n } from '../../i18n/context';
import { useSettings } from '../../app/settings';
import { errorText } from '../../i18n/error-text';
import { toCommandError } from '../../bridge/errors';
import { downloadText } from '../../lib/download';

/** "cc-tray-monitor-settings-2026-11-22.json", in local time. */
export function settingsFileName(at: Date): string {
  const p2 = (n: number) => String(n).padStart(2, '0');
  return `cc-tray-monitor-settings-${at.getFullYear()}-${p2(at.getMonth() + 1)}-${p2(at.getDate())}.json`;
}

/** Files larger than this are not settings exports (a big floor's export is tens of KB). */
const MAX_FILE_BYTES = 5 * 1024 * 1024;

type Outcome = { kind: 'exported' } | { kind: 'confirm' } | { kind: 'imported'; skipped: { id: string; reason: string }[] };

export function TransferForm({ editable }: { editable: boolean }) {
  const { t } = useI18n();
  const client = useClient();
  const settings = useSettings();
  const file = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  /** A file whose credentials wait for the reader's consent to store them without a keyring. */
  const [unconfirmed, setUnconfirmed] = useState<unknown>(null);

  const run = async (fn: () => Promise<Outcome>) => {
    setBusy(true);
    setOutcome(null);
    try {
      setOutcome(await fn());
      setError(null);
    } catch (e) {
      setError(e instanceof SyntaxError ? t('transfer.notJson') : errorText(e, t));
    } finally {
      setBusy(false);
    }
  };

  const exportFile = () =>
    run(async () => {
      const doc = await client.invoke('settings:export', undefined);
      downloadText(`${JSON.stringify(doc, null, 2)}\n`, settingsFileName(new Date()), 'application/json');
      return { kind: 'exported' };
    });

  const importData = async (data: unknown, allowPlaintextSecrets?: boolean): Promise<Outcome> => {
    setUnconfirmed(null);
    try {
      const result = await client.invoke('settings:import', { data, ...(allowPlaintextSecrets ? { allowPlaintextSecrets } : {}) });
      settings.set(result.settings);
      return { kind: 'imported', skipped: result.skipped };
    } catch (e) {
      if (toCommandError(e).code !== 'needs_confirmation') throw e;
      setUnconfirmed(data);
      return { kind: 'confirm' };
    }
  };

  const importFile = (e: ChangeEvent<HTMLInputElement>) => {
    const chosen = e.target.files?.[0];
    e.target.value = ''; // the same file may be chosen again
    if (!chosen) return;
    void run(async () => {
      if (chosen.size > MAX_FILE_BYTES) throw new SyntaxError('too large');
      return importData(JSON.parse(await chosen.text()));
    });
  };

  return (
    <section aria-labelledby="transfer-title" className="settings-section">
      <h3 id="transfer-title">{t('transfer.title')}</h3>
      <p className="muted small">{t('transfer.help')}</p>
      <div className="form-actions">
        <button type="button" onClick={exportFile} disabled={busy}>
          {t('transfer.export')}
        </button>
        <button type="button" onClick={() => file.current?.click()} disabled={busy || !editable}>
          {t('transfer.import')}
        </button>
        <input ref={file} type="file" accept="application/json,.json" hidden onChange={importFile} data-testid="import-file" />
      </div>
      <div aria-live="polite">
        {outcome?.kind === 'exported' && <p className="ok">{t('transfer.exported')}</p>}
        {outcome?.kind === 'confirm' && unconfirmed !== null && (
          <div className="notice">
            <p>{t('transfer.noKeyring')}</p>
            <button type="button" disabled={busy} onClick={() => void run(() => importData(unconfirmed, true))}>
              {t('transfer.importAnyway')}
            </button>
          </div>
        )}
        {outcome?.kind === 'imported' && (
          <>
            <p className="ok">{outcome.skipped.length ? t('transfer.importedSome', { count: outcome.skipped.length }) : t('transfer.imported')}</p>
            {outcome.skipped.length > 0 && (
              <ul className="skipped">
                {outcome.skipped.map((s) => (
                  <li key={s.id}>
                    <strong>{t('label.colon', { label: s.id })}</strong> {s.reason}
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
