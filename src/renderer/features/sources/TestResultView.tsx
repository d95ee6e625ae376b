/** The result of "Test connection": what worked or failed, what to do, and the facts gathered. */
import type { TestResult } from '../../../shared/bridge';
import { sourceErrorText } from '../../../shared/problems';
import { useI18n } from '../../i18n/context';
import { factLabel } from './facts';

export function TestResultView({ result }: { result: TestResult }) {
  const { t, lang } = useI18n();
  const details = Object.entries(result.details ?? {});
  // A failure the connector named reads in the user's language; its English words stay at hand.
  const text = result.ok ? result.message : (sourceErrorText(lang, { lastError: result.message, problem: result.problem }, t) ?? result.message);
  return (
    <div className={`test-result ${result.ok ? 'ok' : 'failed'}`} data-testid="test-result">
      <p>
        <span className="glyph" aria-hidden="true">
          {result.ok ? '✓' : '✖'}
        </span>{' '}
        <strong>{result.ok ? t('sources.testOk') : t('sources.testFailed')}</strong> {text}
      </p>
      {text !== result.message && (
        <details>
          <summary>{t('sources.errorDetails')}</summary>
          <p lang="en">{result.message}</p>
        </details>
      )}
      {details.length > 0 && (
        <dl className="facts">
          {details.map(([k, v]) => (
            <div key={k}>
              <dt>{factLabel(t, k)}</dt>
              <dd>{v === null ? '–' : String(v)}</dd>
            </div>
          ))}
        </dl>
      )}
    </div>
  );
}
