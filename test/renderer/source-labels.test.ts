import { describe, expect, it } from 'vitest';
import { shortSourceLabels } from '../../src/renderer/lib/source-labels';

const labels = (...names: string[]) => names.map((n) => shortSourceLabels(names).get(n));

describe('short source labels', () => {
  it('leaves out the words every name shares at its start or its end', () => {
    expect(labels('Wolkvox Bogotá', 'Wolkvox Medellín')).toEqual(['Bogotá', 'Medellín']);
    expect(labels('Wolkvox (demo)', 'Avaya AXP (demo)', 'Axialys (demo)', 'Telphin (demo)')).toEqual(['Wolkvox', 'Avaya AXP', 'Axialys', 'Telphin']);
    expect(labels('Centro Bogotá norte', 'Centro Bogotá sur')).toEqual(['norte', 'sur']);
    expect(labels('  Paris  site ', 'Lyon site')).toEqual(['Paris', 'Lyon']);
  });

  it('keeps names whole when nothing is shared, when one would be left empty, or with one source', () => {
    expect(labels('Bogotá', 'Paris')).toEqual(['Bogotá', 'Paris']);
    expect(labels('Sales', 'Sales 2')).toEqual(['Sales', 'Sales 2']);
    expect(labels('Wolkvox Bogotá', 'Wolkvox Bogotá')).toEqual(['Wolkvox Bogotá', 'Wolkvox Bogotá']);
    expect(labels('Wolkvox Bogotá')).toEqual(['Wolkvox Bogotá']);
    expect(labels('A B C', 'A X C')).toEqual(['B', 'X']);
    // Something always stays: the shared start stops before the shortest name's last word.
    expect(labels('A B', 'A B C')).toEqual(['B', 'B C']);
    expect(labels('A', 'A B')).toEqual(['A', 'A B']);
    expect(shortSourceLabels([]).size).toBe(0);
  });
});
