import './helpers/dom';
import { describe, expect, it } from 'vitest';
import { render } from '@testing-library/react';
import { SOURCE_STATUSES } from '../../src/shared/model';
import { STATUS_GLYPH, StatusBadge } from '../../src/renderer/components/badges';

/**
 * Blocks whose symbols the common system fonts draw (DejaVu Sans on Linux, Segoe UI Symbol on
 * Windows, Apple Symbols on macOS, Noto Sans Symbols): a glyph outside them (⚿, U+26BF) draws as an
 * empty box, or nothing.
 */
const COMMON_FONT_BLOCKS: [number, number, string][] = [
  [0x2200, 0x22ff, 'Mathematical Operators'],
  [0x25a0, 0x25ff, 'Geometric Shapes'],
  [0x2716, 0x2716, 'Dingbats: heavy multiplication x'],
];

describe('source status badges', () => {
  it('give every state a shape of its own, from symbols the common system fonts have', () => {
    const glyphs = SOURCE_STATUSES.map((s) => STATUS_GLYPH[s]);
    expect(glyphs.every((g) => [...g].length === 1)).toBe(true);
    expect(new Set(glyphs).size).toBe(SOURCE_STATUSES.length);
    const missing = SOURCE_STATUSES.filter((s) => {
      const cp = STATUS_GLYPH[s].codePointAt(0)!;
      return !COMMON_FONT_BLOCKS.some(([from, to]) => cp >= from && cp <= to);
    }).map((s) => `${s}: ${STATUS_GLYPH[s]} U+${STATUS_GLYPH[s].codePointAt(0)!.toString(16).toUpperCase()}`);
    expect(missing).toEqual([]);
  });

  it('says "Sign-in failed" with its shape, hidden from screen readers, and its word', () => {
    const { container } = render(<StatusBadge status="auth_failed" />);
    const glyph = container.querySelector('.glyph')!;
    expect(glyph.textContent).toBe('⊘');
    expect(glyph.getAttribute('aria-hidden')).toBe('true');
    expect(container.querySelector('.label')!.textContent).toBe('Sign-in failed');
  });
});
