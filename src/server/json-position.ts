/**
 * Where a configuration file's JSON breaks, said by line and column only: V8's own message quotes the
 * text around the error, and a configuration file's text may be a secret.
 */

/**
 * Where a JSON text first breaks the grammar (RFC 8259): its offset, and whether a string opened there
 * is never closed; null when it is valid (or too deeply nested to follow).
 */
function jsonSyntaxError(text: string): { at: number; unclosed: boolean } | null {
  let i = 0;
  const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
  const stop = (at = i, unclosed = false): never => {
    throw { at, unclosed };
  };
  const space = () => {
    while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  };
  const string = () => {
    const start = i++;
    while (i < text.length) {
      const c = text[i]!;
      if (c === '"') {
        i++;
        return;
      }
      if (c === '\n' || c === '\r') stop(start, true);
      if (c < ' ') stop();
      if (c === '\\') {
        const next = text[i + 1];
        if (next !== undefined && '"\\/bfnrt'.includes(next)) i += 2;
        else if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) i += 6;
        else stop();
      } else i++;
    }
    stop(start, true);
  };
  const value = (): void => {
    space();
    const c = text[i];
    if (c === '{') {
      i++;
      space();
      if (text[i] === '}') return void i++;
      for (;;) {
        space();
        if (text[i] !== '"') stop();
        string();
        space();
        if (text[i] !== ':') stop();
        i++;
        value();
        space();
        if (text[i] === ',') i++;
        else if (text[i] === '}') return void i++;
        else stop();
      }
    }
    if (c === '[') {
      i++;
      space();
      if (text[i] === ']') return void i++;
      for (;;) {
        value();
        space();
        if (text[i] === ',') i++;
        else if (text[i] === ']') return void i++;
        else stop();
      }
    }
    if (c === '"') return string();
    for (const word of ['true', 'false', 'null']) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return;
      }
    }
    NUMBER.lastIndex = i;
    if (NUMBER.test(text)) {
      i = NUMBER.lastIndex;
      return;
    }
    stop();
  };
  try {
    value();
    space();
    if (i < text.length) stop();
    return null;
  } catch (e) {
    if (e instanceof RangeError) return null;
    return e as { at: number; unclosed: boolean };
  }
}

/** "not valid JSON at line 3, column 41: …", never quoting the text (it may hold a secret). */
export function jsonSyntaxProblem(text: string, parserMessage: string): string {
  const found = jsonSyntaxError(text);
  // Should the scan find nothing, V8's offset (its message is not quoted, only read for the number).
  const at = found?.at ?? Number(/at position (\d+)/.exec(parserMessage)?.[1] ?? NaN);
  if (!Number.isInteger(at)) return 'not valid JSON: check quotes and commas';
  const before = text.slice(0, Math.min(at, text.length));
  const line = before.split('\n').length;
  const column = [...before.slice(before.lastIndexOf('\n') + 1)].length + 1;
  const where = `not valid JSON at line ${line}, column ${column}`;
  if (found?.unclosed) return `${where}: the text in quotes that starts there has no closing quote`;
  if (at >= text.length) return `${where} (the end of the file): check that every "{", "[" and quote is closed`;
  return `${where}: check quotes and commas there`;
}
