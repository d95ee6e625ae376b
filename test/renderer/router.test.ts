import { describe, expect, it } from 'vitest';
import { hrefFor, parseHash } from '../../src/renderer/app/router';

describe('dashboard addresses', () => {
  it('reads a view, its parameter and its filters', () => {
    expect(parseHash('#/agents/wv%3A1?source=wv&q=ana%20g%C3%B3mez')).toEqual({ view: 'agents', param: 'wv:1', query: { source: 'wv', q: 'ana gómez' } });
    expect(parseHash('#/queues?source=')).toEqual({ view: 'queues', param: null, query: {} });
    expect(parseHash('#/alerts/r%7Cax%3A1')).toEqual({ view: 'alerts', param: 'r|ax:1', query: {} });
    // An unknown view is the overview, without the unknown view's parameter or filters.
    expect(parseHash('#/nowhere/x?state=paused')).toEqual({ view: 'overview', param: null, query: {} });
  });

  it('writes them back, empty filters left out, so that an address reads as it was written', () => {
    expect(hrefFor('agents', null, { source: 'wv', state: '', q: 'a&b=c?' })).toBe('#/agents?source=wv&q=a%26b%3Dc%3F');
    expect(hrefFor('agents', 'wv:1?x', { state: 'paused' })).toBe('#/agents/wv%3A1%3Fx?state=paused');
    expect(hrefFor('queues', null, { source: '' })).toBe('#/queues');
    for (const href of ['#/agents?source=wv&q=a%26b%3Dc%3F', '#/agents/wv%3A1%3Fx?state=paused']) {
      const r = parseHash(href);
      expect(hrefFor(r.view, r.param, r.query)).toBe(href);
    }
  });
});
