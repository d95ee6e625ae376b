/** The result of "Test connection": what worked or failed, what to do, and the facts gathered. */
import type { TestResult } from '../../../shared/bridge';
import { testResultText } from '../../../shared/test-outcomes';
import { useI18n } from '../../i18n/context';
import { factLabel, factValue } from './facts';

export function TestResultView({ result }: { result: TestResult }) {
  const tr = useI18n();
  const { t, lang } = tr;
  const facts = result.details ?? {};
  const details = Object.entries(facts);
  // What the connector named reads in the user's language; its English words stay at hand.
  const text = testResultText(lang, result, t);
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
              <dd>{factValue(tr, k, v, facts)}</dd>
            </div>
          ))}
        </dl>
      )}
    </div>
  );
}
