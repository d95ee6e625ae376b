/**
 * What "Test connection" found, in words any language can render: a headline and notes, each a code
 * with parameters, carried by the TestResult beside `message` (the connector's own English sentence,
 * with every detail). A failure says why with a problem (src/shared/problems.ts). The dashboard shows
 * the codes' texts in the user's language; English keeps `message`.
 */
import type { Language } from './settings';
import { capitalized, type Message, type Params } from './i18n';
import { problemKey, type ProblemKey } from './problems';
import { keyOf, type Said } from './said';
import { en } from './test-texts/en';
import { es } from './test-texts/es';
import { fr } from './test-texts/fr';
import { ru } from './test-texts/ru';

export type { Said };

export type TestTextKey = keyof typeof en;
export type TestCode = TestTextKey extends `test.${infer C}` ? C : never;

/** The texts of every outcome code, per language (merged into the dashboard's catalogs). */
export const TEST_TEXTS: Record<Language, Record<TestTextKey, Message>> = { en, es, fr, ru };

/** An outcome sentence for a TestResult's `summary` or `notes`. */
export function said(code: TestCode, params: Params = {}): Said {
  return { code, params };
}

/**
 * Problems whose text ends with what a running source does next, after its last ";" ("…; retrying",
 * "…; reintentando en {seconds} s"): a test retries nothing, so its result leaves that clause out.
 */
const RETRYING = new Set(['unreachable', 'timeout', 'rate_limited', 'server_error', 'service_error', 'request_failed', 'bad_answer', 'maintenance']);

export function withoutRetry(code: string, text: string): string {
  const cut = RETRYING.has(code) ? text.lastIndexOf(';') : -1;
  return cut > 0 ? text.slice(0, cut).trimEnd() : text;
}

const testKey = (s: Said): TestTextKey | null => keyOf(en, 'test', s.code);

/** The part of a TestResult these texts are read from. */
export interface TestWords {
  ok: boolean;
  message: string;
  problem?: Said;
  summary?: Said;
  notes?: Said[];
}

/**
 * What to show for a test result in `lang`: its codes' texts when the language is not English and
 * every code is known (a failure's problem starts with a capital, as a sentence of its own), else
 * the connector's English message.
 */
export function testResultText(lang: Language, r: TestWords, t: (key: TestTextKey | ProblemKey, params?: Params) => string): string {
  if (lang === 'en') return r.message;
  const parts: string[] = [];
  if (r.ok) {
    const key = r.summary ? testKey(r.summary) : null;
    if (!key) return r.message;
    parts.push(t(key, r.summary!.params));
  } else {
    const key = problemKey(r.problem);
    if (!key) return r.message;
    const text = withoutRetry(r.problem!.code, t(key, r.problem!.params));
    parts.push(`${capitalized(text)}.`);
  }
  for (const note of r.notes ?? []) {
    const key = testKey(note);
    if (!key) return r.message;
    parts.push(t(key, note.params));
  }
  return parts.join(' ');
}
