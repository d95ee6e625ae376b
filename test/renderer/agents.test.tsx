import './helpers/dom';
import { describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { hasUnsafeChar } from '../../src/shared/unsafe-text';
import { FakeBridge, settingsView } from './helpers/bridge';
import { agent, alert, net, queue, snapshot, source, T0 } from './helpers/model';
import { renderApp } from './helpers/render';
import { copiedLines, fakeClipboard } from './helpers/clipboard';
import { fold, selectAgents, NO_FILTER } from '../../src/renderer/features/agents/rows';
import { AlertSettingsSchema } from '../../src/shared/settings';
import { createTranslator } from '../../src/renderer/i18n/translate';

function floor() {
  return snapshot({
    sources: [source('wv', { name: 'Bogotá' }), source('ax', { name: 'Paris', vendor: 'axialys' })],
    queues: [queue('wv', 'sales', { name: 'Sales' }), queue('ax', 'support', { name: 'Support' })],
    agents: [
      agent('wv', '1', { name: 'Ana', state: 'on_call', stateSince: T0 - 65_000, network: net(450), call: { id: 'c1', queueKey: 'wv:sales', number: '+57 300', since: T0 - 60_000 } }),
      agent('wv', '2', { name: 'Bruno', state: 'paused', stateSince: T0 - 5_000, pauseReason: 'Lunch', network: net(210, { txJitterMs: 70 }), queues: ['wv:sales'] }),
      agent('ax', '3', { name: 'Ángela', state: 'available', stateSince: T0 - 600_000, queues: ['ax:support'] }),
      agent('ax', '4', { name: 'Zoé', state: 'logged_out', stateSince: null }),
    ],
  });
}

const names = () => screen.getAllByRole('row').slice(1).map((r) => within(r).getByRole('rowheader').textContent);

describe('Agents view', () => {
  it('lists agents with state, ticking time in state and threshold-coloured network metrics', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: T0 });
    const fake = new FakeBridge(floor());
    await renderApp(fake, '#/agents');
    expect(names()).toEqual(['Ana', 'Ángela', 'Bruno', 'Zoé']);
    const ana = screen.getByText('Ana').closest('tr')!;
    expect(within(ana).getByText('On a call')).toBeTruthy();
    expect(within(ana).getByText('1:05')).toBeTruthy();
    const latency = within(ana).getByText(/450/).closest('.lvl')!;
    expect(latency.className).toContain('lvl-critical');
    expect(latency.textContent).toContain('(Critical)'); // carried by text, not colour alone
    const bruno = screen.getByText('Bruno').closest('tr')!;
    expect(within(bruno).getByText('Lunch')).toBeTruthy();
    expect(within(bruno).getByText(/210/).closest('.lvl')!.className).toContain('lvl-warning');
    expect(within(bruno).getByText(/70 ms/).closest('.lvl')!.className).toContain('lvl-critical');
    // Text a narrow column cuts short is whole on hover: the name, the source, the pause reason.
    expect(within(bruno).getByText('Lunch').title).toBe('Lunch');
    expect(within(bruno).getByRole('rowheader').title).toBe('Bruno');
    expect(within(bruno).getAllByRole('cell')[0]!.title).toBe('Bogotá');
    expect(within(ana).getByText('1:05').title).toBe('');
    vi.useRealTimers();
  });

  it('colours by the thresholds in settings when they override the defaults', async () => {
    const fake = new FakeBridge(floor(), settingsView({ alerts: { ...settingsView().alerts, rules: [{ id: 'agent.latency', warning: 500, critical: 900 }] } }));
    await renderApp(fake, '#/agents');
    await waitFor(() => expect(within(screen.getByText('Ana').closest('tr')!).getByText(/450/).closest('.lvl')!.className).toContain('lvl-ok'));
  });

  it('sorts by a column (worst latency first) and toggles the direction', async () => {
    await renderApp(new FakeBridge(floor()), '#/agents');
    const header = screen.getByRole('button', { name: /Latency/ });
    fireEvent.click(header);
    expect(names().slice(0, 2)).toEqual(['Ana', 'Bruno']);
    expect(header.closest('th')!.getAttribute('aria-sort')).toBe('descending');
    fireEvent.click(header);
    expect(names().slice(0, 2)).toEqual(['Bruno', 'Ana']);
    expect(header.closest('th')!.getAttribute('aria-sort')).toBe('ascending');
  });

  it('filters by source, state and queue, and searches names, ids, IPs and reasons', async () => {
    await renderApp(new FakeBridge(floor()), '#/agents');
    fireEvent.change(screen.getByLabelText('Source'), { target: { value: 'ax' } });
    expect(names()).toEqual(['Ángela', 'Zoé']);
    fireEvent.change(screen.getByLabelText('Source'), { target: { value: '' } });
    fireEvent.change(screen.getByLabelText('State'), { target: { value: 'paused' } });
    expect(names()).toEqual(['Bruno']);
    fireEvent.change(screen.getByLabelText('State'), { target: { value: '' } });
    fireEvent.change(screen.getByLabelText('Queue'), { target: { value: 'wv:sales' } });
    expect(names()).toEqual(['Ana', 'Bruno']);
    fireEvent.change(screen.getByLabelText('Queue'), { target: { value: '' } });
    fireEvent.change(screen.getByLabelText('Search'), { target: { value: 'lunch' } });
    expect(names()).toEqual(['Bruno']);
    fireEvent.change(screen.getByLabelText('Search'), { target: { value: 'nobody' } });
    expect(screen.getByText('No agent matches these filters.')).toBeTruthy();
    expect(screen.getByText('0 of 4 agents')).toBeTruthy();
  });

  it('offers only the queues agents are found in, and shows a filter of the address it cannot match so it can be undone', async () => {
    const f = floor();
    const skills = { ...f, queues: [...f.queues, queue('wv', 'billing', { name: 'Billing', kind: 'skill' })] };
    await renderApp(new FakeBridge(skills, settingsView({ ui: { language: 'es', theme: 'system' } })), '#/agents?source=gone&queue=wv%3Anope');
    const options = (label: string) => [...(screen.getByLabelText(label) as HTMLSelectElement).options].map((o) => o.textContent);
    // Billing has no agent in it: not offered. Feminine "all" for fuente and cola.
    expect(options('Cola')).toEqual(['Todas', 'wv:nope (no encontrada)', 'Sales', 'Support']);
    expect(options('Fuente')).toEqual(['Todas', 'gone (no encontrada)', 'Bogotá', 'Paris']);
    expect((screen.getByLabelText('Fuente') as HTMLSelectElement).value).toBe('gone');
    expect(screen.getByText('0 de 4 agentes')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Fuente'), { target: { value: '' } });
    fireEvent.change(screen.getByLabelText('Cola'), { target: { value: '' } });
    expect(names()).toEqual(['Ana', 'Ángela', 'Bruno', 'Zoé']);
    expect(options('Fuente')).toEqual(['Todas', 'Bogotá', 'Paris']);
  });

  it('shows a Source column only while agents of several sources can be listed', async () => {
    await renderApp(new FakeBridge(floor()), '#/agents');
    const headers = () => screen.getAllByRole('columnheader').map((h) => h.textContent!.replace(/\s*[↕▲▼]$/, ''));
    const cells = (name: string) => within(screen.getByRole('rowheader', { name }).closest('tr')!).getAllByRole('cell').length;
    expect(headers()).toContain('Source');
    expect(screen.getAllByRole('cell', { name: 'Paris' })).toHaveLength(2);
    expect(cells('Ángela')).toBe(10);
    // One source chosen: the same name in every row says nothing; names and queues get its width.
    fireEvent.change(screen.getByLabelText('Source'), { target: { value: 'ax' } });
    expect(headers()).not.toContain('Source');
    expect(screen.queryByRole('cell', { name: 'Paris' })).toBeNull();
    expect(cells('Ángela')).toBe(9);
    expect(headers()).toHaveLength(document.querySelectorAll('table.agents col').length);
    expect(screen.getByRole('table', { name: 'Agents' }).className).toContain('one-source');
    fireEvent.change(screen.getByLabelText('Source'), { target: { value: '' } });
    expect(headers()).toContain('Source');
    cleanup();
    // Only one source set up: no column either.
    const one = floor();
    await renderApp(new FakeBridge({ ...one, sources: one.sources.slice(0, 1), agents: one.agents.filter((a) => a.sourceId === 'wv'), queues: one.queues.slice(0, 1) }), '#/agents');
    expect(names()).toEqual(['Ana', 'Bruno']);
    expect(headers()).not.toContain('Source');
    expect(cells('Bruno')).toBe(9);
    cleanup();
    // Sources named alike: the column leaves out the words they share, the whole name on hover.
    const alike = floor();
    await renderApp(new FakeBridge({ ...alike, sources: [source('wv', { name: 'Wolkvox Bogotá (prod)' }), source('ax', { name: 'Wolkvox Medellín (prod)', vendor: 'axialys' })] }), '#/agents');
    const sourceCell = (name: string) => within(screen.getByRole('rowheader', { name }).closest('tr')!).getAllByRole('cell')[0]!;
    expect([sourceCell('Ana').textContent, sourceCell('Ana').title]).toEqual(['Bogotá', 'Wolkvox Bogotá (prod)']);
    expect([sourceCell('Zoé').textContent, sourceCell('Zoé').title]).toEqual(['Medellín', 'Wolkvox Medellín (prod)']);
    // The source filter still names them whole.
    expect([...(screen.getByLabelText('Source') as HTMLSelectElement).options].map((o) => o.textContent)).toContain('Wolkvox Medellín (prod)');
  });

  it('keeps its filters in the address: opened filtered, changed in place, kept through an agent’s details', async () => {
    await renderApp(new FakeBridge(floor()), '#/agents?source=wv&state=paused');
    expect(names()).toEqual(['Bruno']);
    expect((screen.getByLabelText('Source') as HTMLSelectElement).value).toBe('wv');
    expect((screen.getByLabelText('State') as HTMLSelectElement).value).toBe('paused');
    const steps = window.history.length;
    fireEvent.change(screen.getByLabelText('State'), { target: { value: '' } });
    fireEvent.change(screen.getByLabelText('Search'), { target: { value: 'ana' } });
    expect(names()).toEqual(['Ana']);
    // Written in place: Back does not step through each keystroke.
    expect(window.location.hash).toBe('#/agents?source=wv&q=ana');
    expect(window.history.length).toBe(steps);
    // An agent's details keep the filter; closing them shows the same filtered table.
    fireEvent.click(screen.getByText('Ana'));
    await screen.findByRole('region', { name: /Ana/ });
    expect(window.location.hash).toBe('#/agents/wv%3A1?source=wv&q=ana');
    expect(names()).toEqual(['Ana']);
    fireEvent.click(screen.getByRole('button', { name: 'Close' }));
    await waitFor(() => expect(window.location.hash).toBe('#/agents?source=wv&q=ana'));
    expect((screen.getByLabelText('Search') as HTMLInputElement).value).toBe('ana');
    // A state the dashboard does not know is no filter.
    act(() => void (window.location.hash = '#/agents?state=dancing'));
    await waitFor(() => expect(names()).toEqual(['Ana', 'Ángela', 'Bruno', 'Zoé']));
  });

  it('updates rows from patches and drops removed agents', async () => {
    const fake = new FakeBridge(floor());
    await renderApp(fake, '#/agents');
    act(() => fake.emit('patch', { type: 'patch', at: T0 + 1, upsert: { agents: [agent('ax', '3', { name: 'Ángela', state: 'paused', pauseReason: 'Training' })] }, remove: { agents: ['ax:4'] } }));
    expect(names()).toEqual(['Ana', 'Ángela', 'Bruno']);
    expect(within(screen.getByText('Ángela').closest('tr')!).getByText('Training')).toBeTruthy();
  });

  it('asks history:get for the sparkline of visible agents with network data', async () => {
    const fake = new FakeBridge(floor());
    fake.handle('history:get', ({ metric }) => [
      { t: T0 - 60_000, v: metric === 'latency' ? 300 : 2 },
      { t: T0, v: metric === 'latency' ? 450 : 3 },
    ]);
    await renderApp(fake, '#/agents');
    await waitFor(() => expect(screen.getByRole('img', { name: /Latency, jitter and loss of Ana/ })).toBeTruthy());
    const asked = fake.callsTo('history:get') as { key: string; metric: string }[];
    expect(asked).toContainEqual({ key: 'wv:1', metric: 'latency' });
    expect(asked).toContainEqual({ key: 'wv:1', metric: 'jitter' });
    expect(asked.some((r) => r.key === 'ax:3')).toBe(false); // no network data: nothing to draw
  });

  it('moves focus through rows with the keyboard and opens the detail with Enter', async () => {
    await renderApp(new FakeBridge(floor()), '#/agents');
    const rows = screen.getAllByRole('row').slice(1);
    expect(rows[0]!.getAttribute('tabindex')).toBe('0');
    rows[0]!.focus();
    fireEvent.keyDown(rows[0]!, { key: 'ArrowDown' });
    await waitFor(() => expect(document.activeElement?.textContent).toContain('Ángela'));
    fireEvent.keyDown(document.activeElement!, { key: 'End' });
    await waitFor(() => expect(document.activeElement?.textContent).toContain('Zoé'));
    fireEvent.keyDown(document.activeElement!, { key: 'Enter' });
    await waitFor(() => expect(window.location.hash).toBe('#/agents/ax%3A4'));
    const heading = await screen.findByRole('heading', { name: 'Zoé' });
    await waitFor(() => expect(document.activeElement).toBe(heading));
    // Esc closes it, and the focus is back on the row it was opened from: the keyboard goes on from there.
    fireEvent.keyDown(heading, { key: 'Escape' });
    await waitFor(() => expect(window.location.hash).toBe('#/agents'));
    await waitFor(() => expect(document.activeElement?.textContent).toContain('Zoé'));
    expect(document.activeElement?.tagName).toBe('TR');
    // Esc also closes it with the focus back in the table, but not from the search box (it empties that)
    fireEvent.keyDown(document.activeElement!, { key: 'Enter' });
    await screen.findByRole('heading', { name: 'Zoé' });
    const search = screen.getByLabelText('Search');
    fireEvent.keyDown(search, { key: 'Escape' });
    expect(window.location.hash).toBe('#/agents/ax%3A4');
    rows[0]!.focus();
    fireEvent.keyDown(rows[0]!, { key: 'Escape' });
    await waitFor(() => expect(window.location.hash).toBe('#/agents'));
  });

  it("lists the agent's open alerts in its details, each a link to the alert's own details", async () => {
    const floorOf = snapshot({
      sources: [source('wv')],
      agents: [agent('wv', '1', { name: 'Ana', network: net(450) })],
      alerts: [alert('lat|wv:1'), alert('loss|wv:1', { ruleId: 'agent.loss', metric: 'agent.loss', state: 'pending', severity: 'warning', value: 1.5, threshold: 1 }), alert('old|wv:1', { state: 'resolved' }), alert('lat|wv:2', { subject: { kind: 'agent', key: 'wv:2' } })],
    });
    await renderApp(new FakeBridge(floorOf), '#/agents/wv%3A1');
    const list = await screen.findByRole('list', { name: 'Open alerts' });
    const links = within(list).getAllByRole('link');
    expect(links.map((l) => [l.textContent, l.getAttribute('href')])).toEqual([
      ['Latency 450\u00a0ms (threshold 400\u00a0ms)', '#/alerts/lat%7Cwv%3A1'],
      ['Packet loss 1.5\u00a0% (threshold 1\u00a0%)', '#/alerts/loss%7Cwv%3A1'],
    ]);
    expect(within(list).getByText('(pending)')).toBeTruthy();
  });

  it("shows a vendor's words without control or bidirectional formatting characters, in the table and the details", async () => {
    // A state word that would show reversed, a reason with a line break, a number with a hidden part.
    const floorOf = snapshot({
      sources: [source('wv')],
      agents: [
        agent('wv', '1', { name: 'Ana', state: 'paused', pauseReason: 'Break\nfor\u0007lunch', vendorState: '\u202eTSOP\u202c', queues: Array.from({ length: 20 }, (_, i) => `wv:q${i}`) }),
        agent('wv', '2', { name: 'Bruno', state: 'on_call', call: { id: 'c1', queueKey: null, number: '+57 1\u2066 555\u2069 0100', since: T0 } }),
      ],
      queues: Array.from({ length: 20 }, (_, i) => queue('wv', `q${i}`, { name: `Customer service line ${i}` })),
    });
    await renderApp(new FakeBridge(floorOf), '#/agents');
    const rows = await screen.findAllByRole('row');
    const reasons = rows.map((r) => r.textContent ?? '');
    expect(reasons.some((text) => text.includes('Break for lunch'))).toBe(true);
    expect(reasons.some((text) => text.includes('+57 1 555 0100'))).toBe(true);
    expect(hasUnsafeChar(reasons.join(''))).toBe(false);
    cleanup();
    await renderApp(new FakeBridge(floorOf), '#/agents/wv%3A1');
    const detail = await screen.findByRole('region', { name: /Ana/ });
    const fact = (label: string) => within(detail).getByText(label, { selector: 'dt' }).nextElementSibling!.textContent;
    expect(fact('State at the vendor')).toBe('TSOP');
    expect(fact('Reason / number')).toBe('Break for lunch');
    // A list the dashboard writes itself is not cut as a vendor's word would be (its 20 queues, whole).
    expect(fact('Queues')).toBe(Array.from({ length: 20 }, (_, i) => `Customer service line ${i}`).join(', '));
  });

  it('copies an agent as text for a message or a ticket: state, network, facts and open alerts', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: T0 });
    const clipboard = fakeClipboard();
    try {
      const floorOf = snapshot({
        sources: [source('wv', { name: 'Bogotá' })],
        queues: [queue('wv', 'sales', { name: 'Sales' })],
        agents: [
          agent('wv', '1', {
            name: 'Ana',
            state: 'on_call',
            stateSince: T0 - 65_000,
            queues: ['wv:sales'],
            network: net(450, { txJitterMs: 12, rxJitterMs: null, txLossPct: 0.5, rxLossPct: 1.25, platform: 'Windows' }),
            call: { id: 'c1', queueKey: 'wv:sales', number: '+57 300', since: T0 - 60_000 },
          }),
        ],
        alerts: [alert('lat|wv:1'), alert('loss|wv:1', { ruleId: 'agent.loss', metric: 'agent.loss', state: 'pending', severity: 'warning', value: 1.25, threshold: 1, since: T0 - 1000 }), alert('old|wv:1', { state: 'resolved' })],
      });
      await renderApp(new FakeBridge(floorOf), '#/agents/wv%3A1');
      const detail = within(await screen.findByRole('region', { name: 'Ana' }));
      expect(await copiedLines(detail, 'Copy', clipboard)).toEqual([
        'Ana — On a call',
        // Durations in words: "1:05" after "for" could be a time of day, or an hour and five minutes.
        'Time in state: 1\u00a0min 5\u00a0s',
        'On this call for: 1\u00a0min 0\u00a0s',
        'Latency: 450\u00a0ms',
        'Jitter send / receive: 12\u00a0ms / –',
        'Loss send / receive: 0.5\u00a0% / 1.25\u00a0%',
        'Rejection: 0\u00a0%',
        'Source: Bogotá',
        'Vendor id: 1',
        'Number on the call: +57 300',
        'Queue: Sales',
        'Queues: Sales',
        'IP address: 203.0.113.7',
        'Platform: Windows',
        `Network measured at: ${createTranslator('en').dateTime(T0)}`,
        'Open alerts:',
        // Newest first, as the details list them.
        '- Critical: Latency 450\u00a0ms (threshold 400\u00a0ms)',
        '- Warning: Packet loss 1.25\u00a0% (threshold 1\u00a0%) (pending)',
      ]);
      expect(await detail.findByRole('button', { name: 'Copied' })).toBeTruthy();
    } finally {
      clipboard.restore();
      vi.useRealTimers();
    }
  });

  it("draws an agent's trend against its own thresholds where a rule was added for it", async () => {
    const own = { id: 'agent.latency@wv:1', metric: 'agent.latency', warning: 100, critical: 150, scope: { agents: ['wv:1'] } };
    const floorOf = () => snapshot({ sources: [source('wv')], agents: [agent('wv', '1', { name: 'Ana', network: net(60) }), agent('wv', '2', { name: 'Bea', network: net(60) })] });
    const top = async (hash: string) => {
      const fake = new FakeBridge(floorOf(), settingsView({ alerts: AlertSettingsSchema.parse({ rules: [own] }) }));
      fake.handle('history:get', () => [{ t: T0 - 60_000, v: 50 }, { t: T0, v: 60 }]);
      const { unmount } = await renderApp(fake, hash);
      const chart = await screen.findByRole('img', { name: /^Latency: now 60/ });
      const label = chart.querySelector('text.tick')!.textContent; // the value axis's top: 1.1 × the highest of values and thresholds
      unmount();
      return label;
    };
    expect(await top('#/agents/wv%3A1')).toBe('165'); // Ana's own critical threshold, 150
    expect(await top('#/agents/wv%3A2')).toBe('440'); // the general one, 400
  });

  it("lists an agent's extra fields under labels in the dashboard's language, durations as clock time", async () => {
    const extra = { agentsReportId: '1001', calls: 13, talk_time: 75, acw_time: 0, rec: 1, ui: 'paused', eventSource: 'phone', 'Staffed Time': 3600.5, hold_time: 90, callStatus: 'connected' };
    const fake = new FakeBridge(snapshot({ sources: [source('wv')], agents: [agent('wv', '1', { name: 'Ana', extra })] }), settingsView({ ui: { language: 'ru', theme: 'system' } }));
    await renderApp(fake, '#/agents/wv%3A1');
    await screen.findByRole('heading', { name: 'Ana' });
    const facts = [...document.querySelectorAll('.facts > div')].map((d) => [d.querySelector('dt')!.textContent, d.querySelector('dd')!.textContent]);
    expect(facts.slice(-10)).toEqual([
      ['Id в отчёте об операторах', '1001'],
      ['Звонки', '13'],
      ['Время разговоров', '1:15'],
      ['Время постобработки', '0:00'],
      ['Статус звонка у поставщика', 'connected'],
      ['Звонок записан', 'да'],
      ['Сеанс', 'на паузе'],
      ['Последнее изменение сделано с', 'телефона'],
      // Fields this version does not know keep the vendor's name; a report's *_time column is still seconds.
      ['Staffed Time', new Intl.NumberFormat('ru', { maximumFractionDigits: 2 }).format(3600.5)],
      ['hold_time', '1:30'],
    ]);
  });

  it('writes a label before its value the way each language does (French: a narrow space before the colon)', async () => {
    for (const [lang, text] of [['en', 'Time in state: '], ['fr', 'Durée dans l’état\u202f: ']] as const) {
      const fake = new FakeBridge(snapshot({ sources: [source('wv')], agents: [agent('wv', '1', { name: 'Ana', stateSince: null })] }), settingsView({ ui: { language: lang, theme: 'system' } }));
      const { unmount } = await renderApp(fake, '#/agents/wv%3A1');
      const head = (await screen.findByRole('heading', { name: 'Ana' })).closest('header')!;
      expect(head.textContent).toContain(text);
      unmount();
    }
  });

  it('has a label in every language for each extra field it knows', async () => {
    const { EXTRA_FIELDS } = await import('../../src/renderer/features/agents/extra');
    const { CATALOGS } = await import('../../src/renderer/i18n/translate');
    for (const lang of ['en', 'es', 'fr', 'ru'] as const) {
      const missing = Object.keys(EXTRA_FIELDS).filter((k) => !(CATALOGS[lang] as Record<string, unknown>)[`extra.${k}`]);
      expect(missing, lang).toEqual([]);
    }
  });

  it('renders only a window of a 10,000-agent floor', async () => {
    const agents = Array.from({ length: 10_000 }, (_, i) => agent('wv', String(i), { name: `Agent ${String(i).padStart(5, '0')}`, network: net(100 + (i % 500)) }));
    await renderApp(new FakeBridge(snapshot({ sources: [source('wv')], agents })), '#/agents');
    const rows = screen.getAllByRole('row').slice(1);
    expect(rows.length).toBeGreaterThan(10);
    expect(rows.length).toBeLessThan(60);
    expect(screen.getByRole('table').getAttribute('aria-rowcount')).toBe('10001');
  });
});

describe('selectAgents', () => {
  it('sorts accents and case together and puts unknown values last both ways', () => {
    const list = [agent('a', '1', { name: 'zoe' }), agent('a', '2', { name: 'Ángela' }), agent('a', '3', { name: 'bruno', network: net(10) })];
    expect(selectAgents(list, NO_FILTER, { key: 'name', dir: 1 }).map((a) => a.name)).toEqual(['Ángela', 'bruno', 'zoe']);
    expect(selectAgents(list, NO_FILTER, { key: 'latency', dir: -1 }).map((a) => a.name)[0]).toBe('bruno');
    expect(selectAgents(list, NO_FILTER, { key: 'latency', dir: 1 }).map((a) => a.name)[0]).toBe('bruno');
  });

  it('folds plain ASCII names by case alone and others by case and accents', () => {
    expect(fold('Agent 00042 ZOE')).toBe('agent 00042 zoe');
    expect(fold('ÁNGELA Muñoz')).toBe('angela munoz');
    expect(fold('Zoé')).toBe(fold('ZOE'));
    expect(fold('Ольга')).toBe('ольга');
  });
});

describe('Agents table headers', () => {
  it('put the sort mark before the header of a figure, aligned right, and after any other', async () => {
    await renderApp(new FakeBridge(snapshot({ sources: [source('wv')], agents: [agent('wv', '1', { network: net(60) })] })), '#/agents');
    const button = (name: string) => screen.getByRole('button', { name });
    for (const name of ['Time in state', 'Latency', 'Jitter', 'Loss', 'Rejection']) expect(button(name).firstElementChild!.className, name).toBe('sort-mark');
    for (const name of ['Name', 'State', 'Reason / number', 'Queue']) expect(button(name).lastElementChild!.className, name).toBe('sort-mark');
  });
});
