/** Tells the user when the picture is not live: connecting, reconnecting (with countdown), or locked. */
import { useState, type FormEvent } from 'react';
import { useClient, useConnStatus } from '../bridge/react';
import { useI18n } from '../i18n/context';
import { useSecond } from '../lib/ticker';

export function ConnectionBanner() {
  const status = useConnStatus();
  const client = useClient();
  const { t } = useI18n();
  if (status.state === 'open') return null;
  if (status.state === 'unauthorized') return <TokenPrompt onToken={(tok) => client.setToken(tok)} />;
  if (status.state === 'connecting') {
    return (
      <div className="banner banner-info" role="status">
        {t('conn.connecting')}
      </div>
    );
  }
  return <Reconnecting retryAt={status.retryAt} attempts={status.attempts} onRetry={() => client.reconnect()} />;
}

function Reconnecting({ retryAt, attempts, onRetry }: { retryAt: number | null; attempts: number; onRetry: () => void }) {
  const { t } = useI18n();
  useSecond();
  const secs = retryAt ? Math.max(0, Math.ceil((retryAt - Date.now()) / 1000)) : 0;
  return (
    <div className="banner banner-warning" role="status" data-testid="reconnecting">
      <span className="glyph" aria-hidden="true">
        ▲
      </span>{' '}
      {t('conn.reconnecting', { count: secs })} {attempts > 1 && <span className="muted">{t('conn.attempts', { count: attempts })}</span>}{' '}
      <button type="button" onClick={onRetry}>
        {t('conn.retryNow')}
      </button>
    </div>
  );
}

export function TokenPrompt({ onToken }: { onToken: (token: string) => void }) {
  const { t } = useI18n();
  const [value, setValue] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (value.trim()) onToken(value.trim());
  };
  return (
    <div className="banner banner-critical" role="alert">
      <form onSubmit={submit} className="token-form" aria-labelledby="token-title">
        <p id="token-title">
          <strong>{t('conn.unauthorized')}</strong> {t('conn.unauthorizedHelp')}
        </p>
        <label>
          {t('conn.token')}
          <input type="password" autoComplete="off" value={value} onChange={(e) => setValue(e.target.value)} autoFocus />
        </label>
        <button type="submit">{t('conn.connect')}</button>
      </form>
    </div>
  );
}
