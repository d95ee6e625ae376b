/**
 * The text a Copy button puts on the clipboard: lines of "Label: value" written the reader's way
 * (`label.colon`: "Source : Bogotá" in French), a fact without a value left out, and plain lines.
 */
import type { Translator } from '../i18n/translate';

export class TextReport {
  private readonly lines: string[] = [];

  constructor(private readonly t: Translator['t']) {}

  fact(label: string, value: string | null | undefined): this {
    if (value) this.lines.push(`${this.t('label.colon', { label })} ${value}`);
    return this;
  }

  line(text: string): this {
    this.lines.push(text);
    return this;
  }

  toString(): string {
    return this.lines.join('\n');
  }
}
