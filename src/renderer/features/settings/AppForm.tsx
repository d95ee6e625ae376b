/**
 * Tray app behaviour: start at login, keep running in the tray when the window closes, automatic
 * updates, and the local webhook receiver's port (Telphin reaches it through a reverse proxy or a
 * tunnel), with what the receiver did when the port was applied.
 */
import { useState, type FormEvent } from 'react';
import { useDraft } from './draft';
import type { WebhookReceiverState } from '../../../shared/bridge';
import type { Settings } from '../../../shared/settings';
import { useClient } from '../../bridge/react';
import { useI18n } from '../../i18n/context';
import { useSettings } from '../../app/settings';
import { errorText } from '../../i18n/error-text';
import { SaveBar, useSaver } from './SaveBar';
import { FieldErrorText } from '../../components/FieldErrorText';

type Toggles = Pick<Settings['app'], 'startAtLogin' | 'hideOnClose' | 'autoUpdate'>;
type NoteKey = 'settings.webhookListening' | 'settings.webhookInUse' | 'settings.webhookDenied' | 'settings.webhookFailed';

/** The port box as a port: a whole number 0–65535 (0 or empty: off); null when it is not one. */
export function portValue(text: string): number | null {
  const t = text.trim();
  if (t === '') return 0;
  if (!/^\d{1,5}$/.test(t)) return null;
  const n = Number(t);
  return n <= 65535 ? n : null;
}

/** What the receiver says under its box: listening where, off, or why it could not listen (as a message key). */
export function receiverNote(r: WebhookReceiverState | undefined): { key: NoteKey; params: Record<string, string> } | null {
  if (!r || r.port <= 0) return null;
  if (r.listening) return { key: 'settings.webhookListening', params: { url: `http://127.0.0.1:${r.port}/hooks/` } };
  // A port is a name, not a quantity: never written with a thousands separator ("8 080").
  const port = String(r.port);
  if (r.error === 'EADDRINUSE') return { key: 'settings.webhookInUse', params: { port } };
  if (r.error === 'EACCES') return { key: 'settings.webhookDenied', params: { port } };
  return { key: 'settings.webhookFailed', params: { port, error: r.error ?? '' } };
}

export function AppForm({ editable }: { editable: boolean }) {
  const { t } = useI18n();
  const client = useClient();
  const settings = useSettings();
  const [error, setError] = useState<string | null>(null);
  const app = settings.view?.app;
  const saver = useSaver();
  const draft = useDraft('webhook-port', () => String(app?.webhookPort ?? 0), String(app?.webhookPort ?? 0));
  const portText = draft.value;
  const setPortText = draft.set;
  if (!app || settings.view?.host !== 'tray') return null;
  const update = async (patch: Partial<Toggles>) => {
    try {
      settings.set(await client.invoke('settings:update', { app: patch }));
      setError(null);
    } catch (e) {
      setError(errorText(e, t));
    }
  };
  const port = portValue(portText);
  const savePort = (e: FormEvent) => {
    e.preventDefault();
    if (port === null) return;
    void saver.run(draft.saving(async () => settings.set(await client.invoke('settings:update', { app: { webhookPort: port } }))));
  };
  const note = receiverNote(settings.view.webhookReceiver);
  const toggle = (key: keyof Toggles, label: string) => (
    <label className="check">
      <input type="checkbox" checked={app[key]} onChange={(e) => update({ [key]: e.target.checked })} />
      {label}
    </label>
  );
  return (
    <section aria-labelledby="app-title" className="settings-section">
      <h3 id="app-title">{t('settings.app')}</h3>
      <fieldset disabled={!editable}>
        {toggle('startAtLogin', t('settings.startAtLogin'))}
        {toggle('hideOnClose', t('settings.hideOnClose'))}
        {toggle('autoUpdate', t('settings.autoUpdate'))}
      </fieldset>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <form onSubmit={savePort} noValidate aria-labelledby="webhook-port-title">
        <h4 id="webhook-port-title">{t('settings.webhookReceiver')}</h4>
        <p className="muted small">{t('settings.webhookHelp')}</p>
        <fieldset disabled={!editable}>
          <label>
            {t('settings.webhookPort')}
            <input
              className="short"
              inputMode="numeric"
              value={portText}
              onChange={(e) => setPortText(e.target.value)}
              aria-invalid={port === null || undefined}
              aria-describedby={port === null ? 'webhook-port-err' : note ? 'webhook-port-note' : undefined}
            />
          </label>
          {port === null && (
            <FieldErrorText id="webhook-port-err" block>
              {t('settings.webhookPortError')}
            </FieldErrorText>
          )}
          {port !== null && note && (
            <p id="webhook-port-note" className={settings.view.webhookReceiver?.listening ? 'muted small' : 'error'} role={settings.view.webhookReceiver?.listening ? undefined : 'alert'}>
              {t(note.key, note.params)}
            </p>
          )}
        </fieldset>
        <SaveBar saver={saver} editable={editable} draft={draft} invalid={port === null} />
      </form>
    </section>
  );
}
