/**
 * Characters that could forge or garble what the dashboard and the log show: C0 and C1 control
 * characters (line breaks, tab, escape…), DEL, the line and paragraph separators (U+2028, U+2029),
 * and the bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069). A vendor's
 * text (an event name, an agent's status) holding one could end a log line and write the next, or
 * show a name reversed.
 */
export function isUnsafeChar(c: number): boolean {
  return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c === 0x2028 || c === 0x2029 || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
}

/** The same characters as a pattern: one test of a long text costs less than a loop over it. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
export const UNSAFE_CHAR = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

/** Whether `text` holds an unsafe character (`isUnsafeChar`). */
export function hasUnsafeChar(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (isUnsafeChar(text.charCodeAt(i))) return true;
  return false;
}

const ESCAPES: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** The text on one line, with every unsafe character written as an escape (`\n`, `\u202e`). */
export function oneLine(text: string): string {
  if (!hasUnsafeChar(text)) return text;
  let out = '';
  for (const ch of text) {
    const c = ch.charCodeAt(0);
    out += ch.length === 1 && isUnsafeChar(c) ? (ESCAPES[ch] ?? `\\u${c.toString(16).padStart(4, '0')}`) : ch;
  }
  return out;
}

/** The longest name or vendor word kept; a longer one is cut (with "…"). */
export const MAX_SHOWN_TEXT = 200;

/**
 * A vendor's text (an agent's or queue's name, its state word) as the dashboard, the tray and the
 * notifications show it: control characters and separators become spaces, bidirectional formatting
 * characters are dropped (they could show a name reversed or hide part of it), runs of spaces are
 * one, and a text longer than `max` is cut. A clean text of usual length is returned as it is.
 */
export function shownText(text: string, max = MAX_SHOWN_TEXT): string {
  let t = text;
  if (hasUnsafeChar(t)) {
    let out = '';
    for (let i = 0; i < t.length; i++) {
      const c = t.charCodeAt(i);
      if (!isUnsafeChar(c)) out += t[i];
      else if (!((c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069))) out += ' ';
    }
    t = out.replace(/\s{2,}/g, ' ').trim();
  }
  if (t.length > max) {
    let end = max - 1;
    const last = t.charCodeAt(end - 1);
    if (last >= 0xd800 && last <= 0xdbff) end--; // not half of a surrogate pair
    t = `${t.slice(0, end)}…`;
  }
  return t;
}
