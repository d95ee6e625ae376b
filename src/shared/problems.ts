/**
 * What went wrong with a source, in words any language can render: a code and its parameters, kept on
 * the Source beside `lastError` (the connector's own English text, with every detail). The dashboard,
 * the tray and the notifications show the code's text in the user's language; English keeps
 * `lastError`, which says the same with more detail (the host a request went to, the vendor's own
 * answer).
 */
import { keyOf, SaidSchema } from './said';
import type { Language } from './settings';
import type { Message, Params } from './i18n';
import { en } from './problem-texts/en';
import { es } from './problem-texts/es';
import { fr } from './problem-texts/fr';
import { ru } from './problem-texts/ru';

export type ProblemKey = keyof typeof en;
export type ProblemCode = ProblemKey extends `problem.${infer C}` ? C : never;

/** The texts of every problem code, per language (merged into the dashboard's and the host's catalogs). */
export const PROBLEM_TEXTS: Record<Language, Record<ProblemKey, Message>> = { en, es, fr, ru };

/**
 * Lenient on purpose (any code, as every said thing): a dashboard may be older than the collector it
 * reads, and a code it does not know is shown as the English `lastError` instead.
 */
export const ProblemSchema = SaidSchema;
export interface Problem {
  code: ProblemCode;
  params: Params;
}

export function problem(code: ProblemCode, params: Params = {}): Problem {
  return { code, params };
}

/** The catalog key of a problem, or null when this version has no text for its code. */
export function problemKey(p: { code: string } | null | undefined): ProblemKey | null {
  return p ? keyOf(en, 'problem', p.code) : null;
}

/**
 * What to show for a source's last error in `lang`: the problem's text when the language is not
 * English and the code is known, else the connector's English text (null when there is no error).
 */
export function sourceErrorText(
  lang: Language,
  source: { lastError: string | null; problem?: { code: string; params: Params } | null } | null | undefined,
  t: (key: ProblemKey, params?: Params) => string,
): string | null {
  if (!source?.lastError) return null;
  const key = lang === 'en' ? null : problemKey(source.problem);
  return key ? t(key, source.problem!.params) : source.lastError;
}
