/**
 * An Avaya agent's measures in the details panel and in the copied text: the instant it logged in as a
 * local date and time, its durations as clock time, in every language; counts stay numbers. The
 * measures AXP's Agent producer usually gives read under labels in the dashboard's language; others
 * keep their vendor's name. The agent's `extra` is what the Avaya connector makes of the simulator's
 * frame, so the connector's unit marks and the dashboard's reading of them are checked together.
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
      expect(facts.get(tr.t('extra.avaya.loggedInSince')), lang).toBe(tr.dateTime(LOGGED_IN));
      expect(facts.get(tr.t('extra.avaya.logonDuration')), lang).toBe('1:43:52');
      expect(facts.get(tr.t('extra.avaya.timeActive')), lang).toBe('5:00');
      expect(facts.get(tr.t('extra.avaya.timeOnHold')), lang).toBe('0:00');
      expect(facts.get(tr.t('extra.avaya.loginId')), lang).toBe('bruno.martin@example.com');
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
        expect(lines, lang).toContain(`${tr.t('extra.avaya.loggedInSince')}${colon}${tr.dateTime(LOGGED_IN)}`);
        expect(lines, lang).toContain(`${tr.t('extra.avaya.logonDuration')}${colon}1:43:52`);
        expect(lines, lang).toContain(`${tr.t('extra.avaya.idleTime')}${colon}0:00`);
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
        ['Logged in since', tr.dateTime(LOGGED_IN)],
        ['Logged in for', '1:43:52'],
        ['Active time', '5:00'],
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

  it('reads the usual Avaya measures under labels in each language, by display name or measure name, and leaves out names the title says', async () => {
    const expected = {
      en: ['Login id', 'User status', 'online', 'Logged in since', 'Logged in for', 'Time in after-call work'],
      es: ['Id de inicio de sesión', 'Estado del usuario', 'en línea', 'Conectado desde', 'Conectado durante', 'Tiempo en posllamada'],
      fr: ['Identifiant de connexion', 'Statut de l’utilisateur', 'en ligne', 'Connecté depuis', 'Durée de connexion', 'Temps en post-appel'],
      ru: ['Логин', 'Статус пользователя', 'в сети', 'В системе с', 'Длительность сеанса', 'Время постобработки'],
    } as const;
    const english = ['Login Id', 'User Status', 'Last Name', 'First Name', 'Time on Hold', 'Logged In Since', 'Time Active', 'Idle Time', 'Logon Duration', 'Time in ACW'];
    for (const lang of LANGS) {
      const [login, status, live, since, logon, acw] = expected[lang];
      const { unmount } = await renderApp(floor(lang), '#/agents/av%3Ab');
      await screen.findByRole('heading', { name: 'Bruno Martin' });
      const facts = factsShown();
      expect(facts.get(login), lang).toBe('bruno.martin@example.com');
      expect(facts.get(status), lang).toBe(live); // AXP's "Live"
      expect(facts.get(since), lang).toBe(createTranslator(lang).dateTime(LOGGED_IN));
      expect(facts.get(logon), lang).toBe('1:43:52');
      expect(facts.get(acw), lang).toBe('0:00');
      // No English label of a known measure is left, and the name parts the title says are not repeated.
      if (lang !== 'en') for (const label of english) expect(facts.has(label), `${lang}: ${label}`).toBe(false);
      expect([...facts.values()], lang).not.toContain('Bruno');
      expect([...facts.values()], lang).not.toContain('Martin');
      // A measure this version does not know keeps the vendor's name.
      expect(facts.has('Calls Handled'), lang).toBe(true);
      unmount();
    }
    // By measure names (a catalog not gone by) the same; a name part the title does not say is kept.
    const tr = createTranslator('ru');
    const facts = new Map(extraFacts({ ...brunoExtra(false), userStatus: 'Offline', agentFirstName: 'Bruno', agentLastName: 'Martín-Ruiz' }, tr, 'Bruno Martin'));
    expect(facts.get('Логин')).toBe('bruno.martin@example.com');
    expect(facts.get('Статус пользователя')).toBe('не в сети');
    expect(facts.get('Время удержания')).toBe('0:00');
    expect(facts.get('Время простоя')).toBe('0:00');
    expect(facts.has('Имя')).toBe(false);
    expect(facts.get('Фамилия')).toBe('Martín-Ruiz');
    // Without a title, and for a status AXP words otherwise, nothing is left out or translated.
    expect(new Map(extraFacts({ 'First Name': 'Bruno', 'User Status': 'Away' }, tr))).toEqual(new Map([['Статус пользователя', 'Away'], ['Имя', 'Bruno']]));
  });
});
