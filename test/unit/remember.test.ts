import { describe, expect, it } from 'vitest';
import { remembered } from '../../src/core/util/remember';

describe('remembered', () => {
  it('works each input out once, gives the same result after, and forgets everything past its bound', () => {
    const calls: string[] = [];
    const upper = remembered((s) => {
      calls.push(s);
      return { up: s.toUpperCase() };
    }, 2);
    const a = upper('a');
    expect(upper('a')).toBe(a);
    upper('b');
    expect(calls).toEqual(['a', 'b']);
    upper('c'); // third entry: the bound of 2 clears what was known
    expect(upper('c')).toEqual({ up: 'C' });
    expect(upper('a')).not.toBe(a); // learnt again
    expect(calls).toEqual(['a', 'b', 'c', 'a']);
  });

  it('does not keep inputs longer than maxLength', () => {
    let n = 0;
    const f = remembered((s) => `${s}:${++n}`, 10, 3);
    expect(f('abc')).toBe('abc:1');
    expect(f('abc')).toBe('abc:1');
    expect(f('abcd')).toBe('abcd:2');
    expect(f('abcd')).toBe('abcd:3');
  });
});
