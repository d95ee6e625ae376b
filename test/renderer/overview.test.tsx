import './helpers/dom';
import { describe, expect, it, vi } from 'vitest';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { FakeBridge, settingsView } from './helpers/bridge';
import { agent, net, queue, snapshot, source, alert, T0 } from './helpers/model';
import { renderApp } from './helpers/render';
import type { SourceConfigView } from '../../src/shared/sources';

describe('Overview', () => {
  it('shows totals and one tile per source, with stale and offline sources marked', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: T0 + 30_000 });
    const fake = new FakeBridge(
      snapshot({
        at: T0 + 30_000,
        sources: [source('wv', { name: 'Bogotá' }), source('ax', { name: 'Paris', status: 'degraded', lastError: 'missed events' }), source('tp', { name: 'Moscow', status: 'down' })],
        agents: [
          agent('wv', '1', { state: 'on_call', network: net(450) }),
          agent('wv', '2', { state: 'paused', network: net(250) }),
          agent('ax', '3', { state: 'available' }),
        ],
        queues: [queue('wv', 'q1', { waiting: 7, longestWaitSec: 95 }), queue('ax', 'q2', { waiting: 2, oldestSince: T0 })],
        alerts: [alert('a1')],
      }),
    );
    await renderApp(fake);
    const total = screen.getByTestId('tile-total');
    expect(within(total).getByText('Calls waiting').nextSibling?.textContent).toBe('9');
    // q2's oldest call entered at T0: 30 s ago, but q1's 95 s is longer.
    expect(within(total).getByText('Longest wait').nextSibling?.textContent).toBe('1:35');
    expect(within(total).getByText(/1 critical, 1 warning of 2 agents measured/)).toBeTruthy();
    const paris = screen.getByTestId('tile-ax');
    expect(within(paris).getByText('Degraded')).toBeTruthy();
    expect(paris.className).toContain('tile-stale');
    expect(within(paris).getByText('missed events')).toBeTruthy();
    expect(within(screen.getByTestId('tile-tp')).getByText('Down')).toBeTruthy();
    expect(screen.getByTestId('tile-tp').className).toContain('tile-offline');
    expect(screen.getByTestId('tile-wv').className).not.toContain('tile-offline');
    vi.useRealTimers();
  });

  it('opens the view each figure counts, filtered to the tile’s source', async () => {
    const fake = new FakeBridge(
      snapshot({
        sources: [source('wv', { name: 'Bogotá' }), source('ax', { name: 'Paris' })],
        agents: [
          agent('wv', '1', { name: 'Ana', state: 'paused', network: net(120) }),
          agent('wv', '2', { name: 'Bruno', state: 'on_call' }),
          agent('ax', '3', { name: 'Camille', state: 'paused' }),
        ],
        queues: [queue('wv', 'q1', { name: 'Ventas', waiting: 3 }), queue('ax', 'q2', { name: 'Facturation', waiting: 1 })],
      }),
    );
    await renderApp(fake);
    const bogota = within(screen.getByTestId('tile-wv'));
    expect(bogota.getByRole('link', { name: 'Agents: 2' }).getAttribute('href')).toBe('#/agents?source=wv');
    expect(bogota.getByRole('link', { name: 'Calls waiting: 3' }).getAttribute('href')).toBe('#/queues?source=wv');
    expect(bogota.getByRole('link', { name: /^Alerts firing: 0 / }).getAttribute('href')).toBe('#/alerts?source=wv');
    expect(bogota.getByRole('link', { name: /measured/ }).getAttribute('href')).toBe('#/network?source=wv');
    // A source without network measures has nothing to open there.
    expect(within(screen.getByTestId('tile-ax')).queryByRole('link', { name: /measure/ })).toBeNull();
    expect(within(screen.getByTestId('tile-total')).getByRole('link', { name: 'Paused 2' }).getAttribute('href')).toBe('#/agents?state=paused');

    fireEvent.click(bogota.getByRole('link', { name: 'Paused 1' }));
    await screen.findByRole('heading', { level: 2, name: 'Agents' });
    const rows = () => screen.getAllByRole('row').slice(1).map((r) => within(r).getByRole('rowheader').textContent);
    expect(rows()).toEqual(['Ana']);
    expect((screen.getByLabelText('Source') as HTMLSelectElement).value).toBe('wv');
    expect((screen.getByLabelText('State') as HTMLSelectElement).value).toBe('paused');

    act(() => void (window.location.hash = '#/overview'));
    fireEvent.click(within(await screen.findByTestId('tile-ax')).getByRole('link', { name: 'Calls waiting: 1' }));
    await screen.findByRole('heading', { level: 2, name: 'Queues' });
    expect(screen.getAllByRole('row').slice(1).map((r) => within(r).getByRole('rowheader').textContent)).toEqual(['Facturation queue']);
    expect((screen.getByLabelText('Source') as HTMLSelectElement).value).toBe('ax');
  });

  it('names each figure’s link in the dashboard’s language', async () => {
    const fake = new FakeBridge(
      snapshot({ sources: [source('wv', { name: 'Bogotá' })], agents: [agent('wv', '1', { state: 'paused' })], queues: [queue('wv', 'q1', { waiting: 3 })] }),
      settingsView({ ui: { language: 'fr', theme: 'system' } }),
    );
    await renderApp(fake);
    const tile = within(await screen.findByTestId('tile-wv'));
    await waitFor(() => expect(tile.getByRole('link', { name: 'Agents\u202f: 1' }).getAttribute('href')).toBe('#/agents?source=wv'));
    expect(tile.getByRole('link', { name: 'Appels en attente\u202f: 3' })).toBeTruthy();
    expect(tile.getByRole('link', { name: /^En pause 1$/ }).getAttribute('href')).toBe('#/agents?source=wv&state=paused');
  });

  it('never shows an empty queue’s 0:00 as the longest wait while calls wait in queues that give no wait', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: T0 + 30_000 });
    const fake = new FakeBridge(
      snapshot({
        at: T0 + 30_000,
        sources: [source('av', { name: 'Avaya' }), source('ax', { name: 'Axialys' })],
        // Avaya gives the count of waiting calls only; Axialys tracks its calls, none waiting.
        queues: [queue('av', 'sales', { waiting: 22 }), queue('ax', 'care', { waiting: 0, longestWaitSec: 0, oldestSince: null })],
      }),
    );
    await renderApp(fake);
    const longest = (tile: string) => within(screen.getByTestId(tile)).getByText('Longest wait').nextElementSibling as HTMLElement;
    expect(longest('tile-total').textContent).toBe('–');
    expect(longest('tile-total').title).toBe('Not every queue with calls waiting says how long they have waited.');
    expect(longest('tile-ax').textContent).toBe('0:00'); // Axialys knows nobody waits there
    expect(longest('tile-av').textContent).toBe('–');
    // A call waits at Axialys since T0: 30 s is the least the longest wait can be.
    act(() => fake.emit('patch', { type: 'patch', at: T0 + 30_000, upsert: { queues: [queue('ax', 'care', { waiting: 1, longestWaitSec: 30, oldestSince: T0 })] }, remove: {} }));
    expect(longest('tile-total').textContent).toBe('≥\u00a00:30');
    expect(longest('tile-ax').textContent).toBe('0:30');
    expect(longest('tile-ax').title).toBe('');
    // Avaya's calls are answered: every waiting call's wait is known again.
    act(() => fake.emit('patch', { type: 'patch', at: T0 + 30_000, upsert: { queues: [queue('av', 'sales', { waiting: 0 })] }, remove: {} }));
    expect(longest('tile-total').textContent).toBe('0:30');
    vi.useRealTimers();
  });

  it('applies patches: a source going down is marked offline, its state said once', async () => {
    const fake = new FakeBridge(snapshot({ sources: [source('wv')] }));
    await renderApp(fake);
    expect(within(screen.getByTestId('tile-wv')).getByText('Live')).toBeTruthy();
    act(() => fake.emit('patch', { type: 'patch', at: T0 + 1000, upsert: { sources: [source('wv', { status: 'down', lastError: 'Wolkvox did not answer' })] }, remove: {} }));
    const tile = screen.getByTestId('tile-wv');
    expect(tile.className).toContain('tile-offline');
    expect(within(tile).getByText('Wolkvox did not answer')).toBeTruthy();
    // "✖ Down", not "✖ Down ✖ OFFLINE": the badge says the state, in a word and a shape, once.
    const head = tile.querySelector('.tile-head')!;
    expect(head.textContent).toBe('wv✖Down');
    expect(within(tile).queryByText(/offline/i)).toBeNull();
    act(() => fake.emit('patch', { type: 'patch', at: T0 + 2000, upsert: { sources: [source('wv', { status: 'degraded' })] }, remove: {} }));
    expect(tile.querySelector('.tile-head')!.textContent).toBe('wv▲Degraded');
    expect(tile.className).toContain('tile-stale');
  });

  it('shows "–" for a source that never sent anything, not zeros; a switched-off source is not counted as one that should be live', async () => {
    const fake = new FakeBridge(
      snapshot({
        sources: [source('wv', { name: 'Bogotá' }), source('nv', { name: 'Never', status: 'down', lastEventAt: null, lastError: 'no answer' }), source('off', { status: 'stopped', lastEventAt: null })],
        agents: [agent('wv', '1')],
      }),
    );
    await renderApp(fake);
    const never = screen.getByTestId('tile-nv');
    expect([...never.querySelectorAll('dd.big a')].slice(0, 3).map((a) => a.textContent)).toEqual(['–', '–', '–']);
    expect(within(never).getByText('No data received from this source yet')).toBeTruthy();
    expect(within(never).queryByText('Network: no measures from this source')).toBeNull();
    expect(within(never).queryByRole('list', { name: 'Agents by state' })).toBeNull();
    expect(within(screen.getByTestId('tile-wv')).getAllByRole('link', { name: 'Agents: 1' })).toHaveLength(1);
    expect(screen.getByText('1 of 2 sources live')).toBeTruthy();
    act(() => fake.emit('patch', { type: 'patch', at: T0 + 1000, upsert: { sources: [source('wv', { status: 'stopped' }), source('nv', { status: 'stopped', lastEventAt: null })] }, remove: {} }));
    expect(screen.getByText('Every source is switched off')).toBeTruthy();
    // switched off is not "no data yet"
    expect(within(screen.getByTestId('tile-nv')).getByText('Switched off: nothing is collected from this source')).toBeTruthy();
  });

  it('colours calls waiting by the worst of their queues, never their sum against one queue’s threshold', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: T0 + 30_000 });
    // Defaults: a queue is a warning from 5 calls waiting, critical from 10; longest wait 1:00 and 3:00.
    const own = { id: 'queue.waiting@wv:vip', metric: 'queue.waiting', warning: 2, critical: 4, scope: { queues: ['wv:vip'] } };
    const fake = new FakeBridge(
      snapshot({
        at: T0 + 30_000,
        sources: [source('av', { name: 'Avaya' }), source('wv', { name: 'Wolkvox' }), source('tp', { name: 'Telphin' })],
        queues: [
          queue('av', 'a', { waiting: 9, longestWaitSec: 70 }),
          queue('av', 'b', { waiting: 7, longestWaitSec: 90 }),
          queue('av', 'c', { waiting: 6, longestWaitSec: 100 }),
          // A queue with thresholds of its own: 4 calls are critical there.
          queue('wv', 'vip', { waiting: 4 }),
          queue('wv', 'care', { waiting: 3 }),
          queue('tp', 'x', { waiting: 1 }),
          queue('tp', 'y', { waiting: 2 }),
        ],
      }),
      settingsView({ alerts: { ...settingsView().alerts, rules: [own] } }),
    );
    await renderApp(fake);
    const figure = (tile: string, label: string) => within(screen.getByTestId(tile)).getByText(label).parentElement!;
    const level = (tile: string, label: string) => /lvl-(\w+)/.exec(figure(tile, label).className)?.[1];
    await waitFor(() => expect(level('tile-wv', 'Calls waiting')).toBe('critical'));
    // Avaya: 22 calls in three queues, each a warning; its longest wait, 1:40, is a warning too.
    expect(figure('tile-av', 'Calls waiting').textContent).toContain('22');
    expect(level('tile-av', 'Calls waiting')).toBe('warning');
    expect(level('tile-av', 'Longest wait')).toBe('warning');
    // Telphin: 3 calls, no queue at its threshold.
    expect(level('tile-tp', 'Calls waiting')).toBe('ok');
    // All sources: 32 calls, the worst queue critical (Wolkvox's own threshold).
    expect(figure('tile-total', 'Calls waiting').textContent).toContain('32');
    expect(level('tile-total', 'Calls waiting')).toBe('critical');
    // The queue with thresholds of its own calms down: the total is as bad as Avaya's warnings.
    act(() => fake.emit('patch', { type: 'patch', at: T0 + 30_000, upsert: { queues: [queue('wv', 'vip', { waiting: 1 })] }, remove: {} }));
    expect(level('tile-total', 'Calls waiting')).toBe('warning');
    expect(level('tile-wv', 'Calls waiting')).toBe('ok');
    vi.useRealTimers();
  });

  it('offers demo sources on first run and calls sources:demo', async () => {
    const fake = new FakeBridge(snapshot());
    fake.handle('sources:demo', () => settingsView({ sources: [{ id: 'demo-wolkvox', vendor: 'wolkvox', server: '0031', secrets: { token: true } } as unknown as SourceConfigView] }));
    await renderApp(fake);
    // The header says there is no source yet, as a way to add one, rather than "0 of 0 sources live".
    expect(screen.getByRole('link', { name: 'No sources yet' }).getAttribute('href')).toBe('#/sources');
    expect(screen.queryByText(/0 of 0/)).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Add demo sources' }));
    await waitFor(() => expect(fake.callsTo('sources:demo')).toHaveLength(1));
  });

  it('says where to add a source in the agents and queues views of a first run', async () => {
    await renderApp(new FakeBridge(snapshot()), '#/agents');
    expect(screen.getByText('No source is configured yet: add one in Sources.')).toBeTruthy();
    window.location.hash = '#/queues';
    expect(await screen.findByText('No source is configured yet: add one in Sources.')).toBeTruthy();
  });
});

describe('Overview: alerts firing to screen readers', () => {
  it('names the counts with the plural of each language', async () => {
    const firing = (n: number, severity: 'critical' | 'warning') => Array.from({ length: n }, (_, i) => alert(`${severity}${i}|wv:${i}`, { severity, subject: { kind: 'agent', key: `wv:${i}` } }));
    const cases = [
      ['en', [1, 6], 'Alerts firing: 1 critical, 6 warnings'],
      ['en', [2, 1], 'Alerts firing: 2 critical, 1 warning'],
      ['ru', [3, 6], 'Активные оповещения: 3 критических, 6 предупреждений'],
      ['ru', [1, 2], 'Активные оповещения: 1 критическое, 2 предупреждения'],
      ['es', [1, 2], 'Alertas activas: 1 crítica, 2 avisos'],
      ['fr', [2, 1], 'Alertes actives\u202f: 2 critiques, 1 avertissement'],
    ] as const;
    for (const [language, [critical, warning], name] of cases) {
      const fake = new FakeBridge(
        snapshot({ sources: [source('wv')], agents: [agent('wv', '1')], alerts: [...firing(critical, 'critical'), ...firing(warning, 'warning')] }),
        settingsView({ ui: { language, theme: 'system' } }),
      );
      const { unmount } = await renderApp(fake);
      expect(within(screen.getByTestId('tile-total')).getByRole('link', { name }).getAttribute('href')).toBe('#/alerts');
      unmount();
    }
  });
});
