/** The result of "Test connection": what worked or failed, what to do, and the facts gathered. */
import type { TestResult } from '../../../shared/bridge';
import { useI18n } from '../../i18n/context';

export function TestResultView({ result }: { result: TestResult }) {
  const { t } = useI18n();
  const details = Object.entries(result.details ?? {});
  return (
    <div className={`test-result ${result.ok ? 'ok' : 'failed'}`} data-testid="test-result">
      <p>
        <span className="glyph" aria-hidden="true">
          {result.ok ? '✓' : '✖'}
        </span>{' '}
        <strong>{result.ok ? t('sources.testOk') : t('sources.testFailed')}</strong> {result.message}
      </p>
      {details.length > 0 && (
        <dl className="facts">
          {details.map(([k, v]) => (
            <div key={k}>
              <dt>{k}</dt>
              <dd>{v === null ? '–' : String(v)}</dd>
            </div>
          ))}
        </dl>
      )}
    </div>
  );
}
