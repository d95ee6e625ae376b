/**
 * An Avaya agent's measures in the details panel and in the copied text: the instant it logged in as a
 * local date and time, its durations as clock time, in every language; counts stay numbers. The
 * agent's `extra` is what the Avaya connector makes of the simulator's frame, so the connector's unit
 * marks and the dashboard's reading of them are checked together.
 */
import './helpers/dom';
import { describe, expect, it, vi } from 'vitest';
import { screen, within } from '@testing-library/react';
import { FakeBridge, settingsView } from './helpers/bridge';
import { agent, snapshot, source, T0 } from './helpers/model';
import { renderApp } from './helpers/render';
import { copiedLines, fakeClipboard } from './helpers/clipboard';
import { createTranslator } from '../../src/renderer/i18n/translate';
import { extraFacts, markedField } from '../../src/renderer/features/agents/extra';
import { DataFrameSchema } from '../../src/core/connectors/avaya/wire';
import { normalizeFrame } from '../../src/core/connectors/avaya/normalize';
import { parseProducerMeasures } from '../../src/core/connectors/avaya/catalog';
import { AGENT_PRODUCER, agentMeasures, producerBody } from '../../src/simulators/avaya/catalog';
import type { ExtraValue } from '../../src/shared/model';

const LANGS = ['en', 'es', 'fr', 'ru'] as const;
/** Logged in 1:43:52 before T0; in its state (BUSY) for 5:00. */
const LOGGED_IN = T0 - 6_232_000;

/** The `extra` the Avaya connector gives Bruno Martin, as in the demo (catalog read, display names). */
function brunoExtra(labels = true): Record<string, ExtraValue> {
  const measures = agentMeasures({ name: 'Bruno Martin', state: 'BUSY', since: T0 - 300_000, loggedInAt: LOGGED_IN }, T0);
  const frame = DataFrameSchema.parse({ keys: { agentId: 'b' }, eventAction: 'UPSERT', payloadType: 'LIVE', measures });
  const catalog = parseProducerMeasures(producerBody(AGENT_PRODUCER));
  const ev = normalizeFrame(frame, { producerId: AGENT_PRODUCER.id, catalog, labels, now: T0 })!.events[0] as { set: { extra: Record<string, ExtraValue> } };
  return { ...ev.set.extra, 'Calls Handled': 1234 };
}

function floor(lang: (typeof LANGS)[number], extra = brunoExtra()) {
  const snap = snapshot({ sources: [source('av', { vendor: 'avaya', name: 'Avaya' })], agents: [agent('av', 'b', { name: 'Bruno Martin', state: 'on_call', stateSince: T0 - 300_000, vendorState: 'BUSY', extra })] });
  return new FakeBridge(snap, settingsView({ ui: { language: lang, theme: 'system' } }));
}

const factsShown = () => new Map([...document.querySelectorAll('.facts > div')].map((d) => [d.querySelector('dt')!.textContent, d.querySelector('dd')!.textContent]));

describe('Agent details: measures that are times and durations', () => {
  it('shows when the agent logged in as a date and time, and durations as clock time, in every language', async () => {
    for (const lang of LANGS) {
      const tr = createTranslator(lang);
      const { unmount } = await renderApp(floor(lang), '#/agents/av%3Ab');
      await screen.findByRole('heading', { name: 'Bruno Martin' });
      const facts = factsShown();
      expect(facts.get('Logged In Since'), lang).toBe(tr.dateTime(LOGGED_IN));
      expect(facts.get('Logon Duration'), lang).toBe('1:43:52');
      expect(facts.get('Time Active'), lang).toBe('5:00');
      expect(facts.get('Time on Hold'), lang).toBe('0:00');
      expect(facts.get('Login Id'), lang).toBe('bruno.martin@example.com');
      // A count stays a number, written the language's way.
      expect(facts.get('Calls Handled'), lang).toBe(new Intl.NumberFormat(lang, { maximumFractionDigits: 2 }).format(1234));
      // No raw epoch or raw seconds anywhere, and no unit mark in a label.
      const text = [...facts].flat().join('\n');
      expect(text, lang).not.toMatch(/\[s\]|\[epoch ms\]/);
      expect(text, lang).not.toContain(String(LOGGED_IN).slice(0, 4));
      expect(text, lang).not.toMatch(/6[\s,.\u00a0\u202f]?232/);
      unmount();
    }
  });

  it('copies the same: a date and time, and clock durations', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: T0 });
    const clipboard = fakeClipboard();
    try {
      for (const [lang, copy, colon] of [['en', 'Copy', ': '], ['fr', 'Copier', '\u202f: ']] as const) {
        const tr = createTranslator(lang);
        const { unmount } = await renderApp(floor(lang), '#/agents/av%3Ab');
        const detail = within(await screen.findByRole('region', { name: 'Bruno Martin' }));
        const lines = await copiedLines(detail, copy, clipboard);
        expect(lines, lang).toContain(`Logged In Since${colon}${tr.dateTime(LOGGED_IN)}`);
        expect(lines, lang).toContain(`Logon Duration${colon}1:43:52`);
        expect(lines, lang).toContain(`Idle Time${colon}0:00`);
        expect(lines.join('\n'), lang).not.toMatch(/\[s\]|\[epoch ms\]|1[,\s\u00a0\u202f.]?7\d\d[,\s\u00a0\u202f.]?\d{3}[,\s\u00a0\u202f.]?\d{3}/);
        unmount();
      }
    } finally {
      clipboard.restore();
      vi.useRealTimers();
    }
  });

  it('reads the marks whatever the key, measure names included, and leaves unmarked numbers alone', () => {
    const tr = createTranslator('en');
    expect(extraFacts(brunoExtra(false), tr)).toEqual(
      expect.arrayContaining([
        ['timeLoggedIn', tr.dateTime(LOGGED_IN)],
        ['agentLogonDuration', '1:43:52'],
        ['timeActive', '5:00'],
      ]),
    );
    expect(extraFacts({ 'Staffed [s]': 3725, 'Since [epoch ms]': 'unknown', Seats: 1795358830494, 'Far [epoch ms]': 1e17 }, tr)).toEqual([
      ['Staffed', '1:02:05'],
      ['Since', 'unknown'],
      ['Seats', '1,795,358,830,494'],
      ['Far', tr.n(1e17, 2)],
    ]);
    expect(markedField(' [s]')).toBeNull();
    expect(markedField('Hold [s]')).toEqual({ label: 'Hold', kind: 'duration' });
  });
});
