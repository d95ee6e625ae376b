import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../src/shared/settings';
import { createMessages, type Message } from '../../src/shared/i18n';
import { PROBLEM_TEXTS, type ProblemKey } from '../../src/shared/problems';
import { TEST_TEXTS, testResultText, withoutRetry, type TestTextKey } from '../../src/shared/test-outcomes';
import { configError, failedTest, rateLimitError, transientError } from '../../src/core/connectors/errors';

const RETRYING = ['unreachable', 'timeout', 'rate_limited', 'server_error', 'service_error', 'request_failed', 'bad_answer', 'maintenance'];
const translator = (lang: (typeof LANGUAGES)[number]) => {
  const catalog = { ...PROBLEM_TEXTS[lang], ...TEST_TEXTS[lang] } as Record<ProblemKey | TestTextKey, Message>;
  return createMessages(lang, catalog, { ...PROBLEM_TEXTS.en, ...TEST_TEXTS.en }).t;
};

describe('Test connection results in words', () => {
  it('every problem a running source retries says so after its last ";" in every language, and a test leaves that out', () => {
    for (const lang of LANGUAGES) {
      for (const code of RETRYING) {
        const text = PROBLEM_TEXTS[lang][`problem.${code}` as ProblemKey] as string;
        const kept = withoutRetry(code, text);
        expect(kept.length, `${lang} ${code}`).toBeGreaterThan(10);
        expect(text.slice(kept.length), `${lang} ${code}`).toMatch(/^\s*;\s*\S/);
      }
    }
    // A problem about the source itself keeps every clause.
    expect(withoutRetry('auth_refused', 'a; b')).toBe('a; b');
  });

  it('a failure reads as a sentence of its own; a success as its summary and notes; English as the connector said it', () => {
    const failed = { ok: false, message: 'Telphin could not be reached.', problem: { code: 'timeout', params: { seconds: 10 } } };
    expect(testResultText('es', failed, translator('es'))).toBe('Sin respuesta en 10 s: revise la conexión de red de este equipo.');
    expect(testResultText('en', failed, translator('en'))).toBe('Telphin could not be reached.');
    const ok = { ok: true, message: 'Connected.', summary: { code: 'wolkvox', params: { host: 'wv0031.wolkvox.com', count: 21 } }, notes: [{ code: 'wolkvox_quota', params: { projected: 6048, quota: 5000 } }] };
    expect(testResultText('ru', ok, translator('ru'))).toMatch(/^Подключено к Wolkvox \(wv0031\.wolkvox\.com\): в отчёте об операторах 21 оператор\. Настроенным опросам нужно около 6\s048 использований/);
    // Without a summary, or with a code this version does not know: the connector's sentence.
    expect(testResultText('fr', { ok: true, message: 'Connected.' }, translator('fr'))).toBe('Connected.');
    expect(testResultText('fr', { ...failed, problem: { code: 'newer', params: {} } }, translator('fr'))).toBe('Telphin could not be reached.');
  });

  it('a failed test\'s English message leaves out the retry a running source would make', () => {
    expect(failedTest(transientError('Axialys answered HTTP 502 to the login; the service may be down. Retrying').as('server_error', { status: 502 }))).toEqual({
      ok: false,
      message: 'Axialys answered HTTP 502 to the login; the service may be down.',
      problem: { code: 'server_error', params: { status: 502 } },
    });
    expect(failedTest(rateLimitError('Axialys is limiting requests (HTTP 429 on the login); retrying in 30 s', 0)).message).toBe('Axialys is limiting requests (HTTP 429 on the login).');
    expect(failedTest(configError('the account was not found: check it in the Sources view')).message).toBe('the account was not found: check it in the Sources view');
  });
});
