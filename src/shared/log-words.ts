/**
 * Event log entries in words any language can render: a connector gives each entry its English
 * `text` and the same as `said`, a list of fragments (codes with parameters) that the Events view
 * joins in the user's language. English keeps `text`; so does an entry with a code this version
 * does not know.
 */
import type { Language } from './settings';
import { compile, createMessages, fill, type Compiled, type Message, type Params } from './i18n';
import { keyOf, type Said } from './said';
import { problemKey, type ProblemKey } from './problems';
import { en } from './log-texts/en';
import { es } from './log-texts/es';
import { fr } from './log-texts/fr';
import { ru } from './log-texts/ru';

export type LogTextKey = keyof typeof en;
export type LogCode = { [K in LogTextKey]: K extends `log.${infer C}` ? C : never }[LogTextKey];

/** The texts of every fragment and kind, per language (merged into the dashboard's catalogs). */
export const LOG_TEXTS: Record<Language, Record<LogTextKey, Message>> = { en, es, fr, ru };

export function w(code: LogCode, params: Params = {}): Said {
  return { code, params };
}

const english = createMessages<LogTextKey>('en', en, en);
/**
 * The English fragments without plural forms, compiled once and found by code: a line is written
 * for every login or logout a Telphin webhook reports, so no key is built and looked up per fragment.
 */
const ENGLISH_PARTS = new Map<string, Compiled>();
for (const [key, msg] of Object.entries(en)) if (key.startsWith('log.') && typeof msg === 'string') ENGLISH_PARTS.set(key.slice(4), compile(msg));

/** The English text of an entry: its fragments joined with the reference texts (one wording for both). */
export function logLine(said: readonly Said[]): string {
  let out = '';
  for (const s of said) {
    const parts = ENGLISH_PARTS.get(s.code);
    out += parts ? fill(parts, s.params, english.n) : english.t(`log.${s.code}` as LogTextKey, s.params);
  }
  return out;
}

/** The `text` and `said` of a log entry from its fragments. */
export function logEntry(said: Said[]): { text: string; said: Said[] } {
  return { text: logLine(said), said };
}

/**
 * What the Events view shows for an entry in `lang` (its English `text` when it cannot do better). A
 * fragment `problem.<code>` is a source's problem (src/shared/problems.ts), in its own catalog.
 */
export function logText(lang: Language, e: { text: string; said?: Said[] | null }, t: (key: LogTextKey | ProblemKey, params?: Params) => string): string {
  if (lang === 'en' || !e.said?.length) return e.text;
  let out = '';
  for (const s of e.said) {
    const key = s.code.startsWith('problem.') ? problemKey({ code: s.code.slice(8) }) : keyOf(en, 'log', s.code);
    if (key === null) return e.text;
    out += t(key, s.params);
  }
  return out;
}

/** The name of a kind of entry ("agent.login" → "Login"), or the kind itself when it has none. */
export function logKindLabel(kind: string, t: (key: LogTextKey) => string): string {
  const key = keyOf(en, 'logkind', kind);
  return key === null ? kind : t(key);
}
