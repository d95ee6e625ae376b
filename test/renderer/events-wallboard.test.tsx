import './helpers/dom';
import { describe, expect, it, vi } from 'vitest';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { FakeBridge, settingsView } from './helpers/bridge';
import type { Said } from '../../src/shared/said';
import { agent, alert, logEntry, queue, snapshot, source, T0 } from './helpers/model';
import { renderApp } from './helpers/render';

describe('Events view', () => {
  const fake = () =>
    new FakeBridge(
      snapshot({
        sources: [source('wv', { name: 'Bogotá' }), source('ax', { name: 'Paris' })],
        log: [logEntry(1, { text: 'status live' }), logEntry(2, { sourceId: 'ax', level: 'error', kind: 'auth', text: 'login refused' }), logEntry(3, { kind: 'input', text: 'operator 12 paused' })],
      }),
    );
  const texts = () => screen.getAllByRole('row').slice(1).map((r) => r.querySelector('td.text')!.textContent);

  it('shows the newest first and filters by source, level, kind and text', async () => {
    await renderApp(fake(), '#/events');
    expect(texts()).toEqual(['operator 12 paused', 'login refused', 'status live']);
    fireEvent.change(screen.getByLabelText('Level'), { target: { value: 'error' } });
    expect(texts()).toEqual(['login refused']);
    fireEvent.change(screen.getByLabelText('Level'), { target: { value: '' } });
    fireEvent.change(screen.getByLabelText('Kind'), { target: { value: 'input' } });
    expect(texts()).toEqual(['operator 12 paused']);
    fireEvent.change(screen.getByLabelText('Kind'), { target: { value: '' } });
    fireEvent.change(screen.getByLabelText('Source'), { target: { value: 'ax' } });
    expect(texts()).toEqual(['login refused']);
    fireEvent.change(screen.getByLabelText('Source'), { target: { value: '' } });
    fireEvent.change(screen.getByLabelText('Search'), { target: { value: 'STATUS' } });
    expect(texts()).toEqual(['status live']);
    expect(window.location.hash).toBe('#/events?q=STATUS');
  });

  it('opens filtered from the address (a source card’s link), an unknown level being no filter', async () => {
    await renderApp(fake(), '#/events?source=ax&level=error');
    expect(texts()).toEqual(['login refused']);
    expect((screen.getByLabelText('Source') as HTMLSelectElement).value).toBe('ax');
    expect((screen.getByLabelText('Level') as HTMLSelectElement).value).toBe('error');
    act(() => void (window.location.hash = '#/events?level=loud&kind=input'));
    await waitFor(() => expect(texts()).toEqual(['operator 12 paused']));
    expect((screen.getByLabelText('Level') as HTMLSelectElement).value).toBe('');
  });

  it('says what connectors said in words in the dashboard\'s language, kinds by name; search finds both wordings', async () => {
    const said: Said[] = [
      { code: 'agent_login', params: { name: 'Анна' } },
      { code: 'via_phone', params: {} },
    ];
    const f = new FakeBridge(
      snapshot({
        sources: [source('tp', { name: 'Москва', vendor: 'telphin' })],
        log: [
          logEntry(1, { sourceId: 'tp', kind: 'agent.login', text: 'Анна logged in (from the phone)', said }),
          logEntry(2, { sourceId: 'tp', kind: 'subscriptions', text: 'Webhook subscriptions for 4 agents: …', said: [{ code: 'subscriptions', params: { count: 4, created: 8, repaired: 0, removed: 0, inPlace: 8 } }] }),
          // A code this dashboard does not know (a newer collector): the English words.
          logEntry(3, { sourceId: 'tp', kind: 'agent.new_thing', text: 'Анна did something new', said: [{ code: 'from_a_newer_collector', params: {} }] }),
        ],
      }),
      settingsView({ ui: { language: 'ru', theme: 'system' } }),
    );
    await renderApp(f, '#/events');
    expect(texts()).toEqual([
      'Анна did something new',
      'Подписки на вебхуки для 4 операторов: создано 8, исправлено 0, удалено дубликатов 0; действует 8',
      'Анна: вход в систему (с телефона)',
    ]);
    const kinds = screen.getAllByRole('row').slice(1).map((r) => r.querySelectorAll('td')[3]!.textContent);
    expect(kinds).toEqual(['agent.new_thing', 'Подписки', 'Вход']);
    expect(within(screen.getByLabelText('Тип')).getByRole('option', { name: 'Вход' })).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Поиск'), { target: { value: 'телефона' } });
    expect(texts()).toEqual(['Анна: вход в систему (с телефона)']);
    fireEvent.change(screen.getByLabelText('Поиск'), { target: { value: 'from the phone' } });
    expect(texts()).toEqual(['Анна: вход в систему (с телефона)']);
  });

  it('fetches the older lines the host keeps beyond the snapshot\'s, once per snapshot, so earlier status changes are there', async () => {
    const recent = [logEntry(3, { sourceId: 'ax', kind: 'call', text: 'call 3' }), logEntry(4, { sourceId: 'ax', kind: 'call', text: 'call 4' })];
    const f = new FakeBridge(snapshot({ sources: [source('wv', { name: 'Bogotá' }), source('ax', { name: 'Paris' })], log: recent }));
    const older = [logEntry(1, { kind: 'source.status', level: 'error', text: 'Source down: no answer' }), { id: 2, text: 7 }, ...recent];
    f.handle('log:get', () => older as never);
    await renderApp(f, '#/events?source=wv');
    await waitFor(() => expect(texts()).toEqual(['Source down: no answer']));
    expect(f.callsTo('log:get')).toEqual([{ limit: 2000 }]);
    fireEvent.change(screen.getByLabelText('Source'), { target: { value: '' } });
    expect(texts()).toEqual(['call 4', 'call 3', 'Source down: no answer']); // the malformed line is left out
    // a new snapshot (a reconnection) replaces the lines, and asks again
    act(() => f.emit('snapshot', snapshot({ at: T0 + 60_000, sources: [source('wv')], log: [logEntry(9, { text: 'after' })] })));
    await waitFor(() => expect(f.callsTo('log:get')).toHaveLength(2));
    await waitFor(() => expect(texts()).toEqual(['after', 'call 4', 'call 3', 'Source down: no answer']));
  });

  it('appends live lines, and holds them while paused', async () => {
    const f = fake();
    await renderApp(f, '#/events');
    act(() => f.emit('patch', { type: 'patch', at: T0 + 5000, upsert: {}, remove: {}, log: [logEntry(4, { text: 'queue 7 waiting 5' })] }));
    expect(texts()[0]).toBe('queue 7 waiting 5');
    fireEvent.click(screen.getByRole('button', { name: 'Pause' }));
    act(() => f.emit('patch', { type: 'patch', at: T0 + 6000, upsert: {}, remove: {}, log: [logEntry(5, { text: 'later' })] }));
    expect(texts()[0]).toBe('queue 7 waiting 5');
    const resume = screen.getByRole('button', { name: 'Resume (1 new)' });
    expect(resume.getAttribute('aria-pressed')).toBe('true');
    fireEvent.click(resume);
    expect(texts()[0]).toBe('later');
  });
});

describe('Wallboard', () => {
  it('shows the floor in large type with the busiest queues, critical alerts and sources', async () => {
    const fake = new FakeBridge(
      snapshot({
        sources: [source('wv', { name: 'Bogotá' }), source('tp', { name: 'Moscow', status: 'down' })],
        agents: [agent('wv', '1', { state: 'available' }), agent('wv', '2', { state: 'on_call' }), agent('wv', '3', { state: 'paused' })],
        queues: [queue('wv', 'a', { name: 'Sales', waiting: 11, longestWaitSec: 30 }), queue('wv', 'b', { name: 'Care', waiting: 1 })],
        alerts: [alert('x', { subject: { kind: 'queue', key: 'wv:a' }, ruleId: 'queue.waiting', metric: 'queue.waiting', value: 11, threshold: 10 })],
      }),
    );
    const { container } = await renderApp(fake, '', { wallboard: true });
    expect(container.querySelector('.app-header')).toBeNull(); // no navigation on a TV
    const figures = within(screen.getByRole('region', { name: 'All sources' }));
    expect(figures.getByText('Calls waiting').previousSibling!.textContent).toBe('12');
    expect(figures.getByText('Calls waiting').parentElement!.className).toContain('lvl-critical');
    // Care's call gives no wait: Sales's 30 s is the least the longest wait can be.
    const longest = figures.getByText('Longest wait').previousSibling as HTMLElement;
    expect(longest.textContent).toBe('≥\u00a00:30'); // on one line: a no-break space
    // Its length sizes it to stay within its tile (wallboard.css).
    expect(longest.style.getPropertyValue('--chars')).toBe('6');
    expect(screen.getByText('Sales: Calls waiting 11 (threshold 10)')).toBeTruthy();
    const rows = within(screen.getByRole('region', { name: 'Queues' })).getAllByRole('row');
    // Headed, so a TV's reader knows which figure is which; busiest queue first.
    expect(within(rows[0]!).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['Queue', 'Calls waiting', 'Longest wait']);
    expect(rows[1]!.textContent).toContain('Sales');
    // Only critical alerts are listed, and the heading says so.
    expect(screen.getByRole('heading', { name: 'Critical alerts (1)' })).toBeTruthy();
    expect(screen.getByText('Moscow').closest('.wb-source')!.className).toContain('fresh-offline');
    // Queues of one source: no Source column.
    expect(within(rows[0]!).queryByRole('columnheader', { name: 'Source' })).toBeNull();
  });

  it('colours the total of calls waiting by its worst queue, not the sum against one queue’s threshold', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: T0 + 30_000 });
    const fake = new FakeBridge(
      snapshot({
        at: T0 + 30_000,
        sources: [source('av', { name: 'Avaya' }), source('wv', { name: 'Wolkvox' })],
        queues: [
          queue('av', 'a', { waiting: 9, longestWaitSec: 70 }),
          queue('av', 'b', { waiting: 7, longestWaitSec: 65 }),
          queue('av', 'c', { waiting: 6 }),
          queue('wv', 'd', { waiting: 6, longestWaitSec: 100 }),
          queue('wv', 'e', { waiting: 5, longestWaitSec: 20 }),
        ],
      }),
    );
    await renderApp(fake, '', { wallboard: true });
    const figures = within(screen.getByRole('region', { name: 'All sources' }));
    const figure = (label: string) => figures.getByText(label).parentElement!;
    // 33 calls waiting in five queues, each a warning (critical from 10 calls): a warning, beside no critical alert.
    expect(figure('Calls waiting').textContent).toBe('33Calls waiting');
    expect(figure('Calls waiting').className).toContain('lvl-warning');
    expect(figure('Critical alerts').textContent).toBe('0Critical alerts');
    expect(figure('Longest wait').className).toContain('lvl-warning');
    // One queue reaching its critical threshold makes the total critical.
    act(() => fake.emit('patch', { type: 'patch', at: T0 + 30_000, upsert: { queues: [queue('wv', 'e', { waiting: 10 })] }, remove: {} }));
    expect(figure('Calls waiting').className).toContain('lvl-critical');
    vi.useRealTimers();
  });

  it('says how many critical alerts it has no room for, and keeps the most important in view', async () => {
    const sources = [source('wv', { name: 'Wolkvox (demo)' }), source('tp', { name: 'Telphin (demo)' }), source('av', { name: 'Avaya (demo)', status: 'down' })];
    const agents = Array.from({ length: 10 }, (_, i) => agent('wv', String(i), { name: `Agent ${i}` }));
    const latency = (i: number) => alert(`lat${i}`, { subject: { kind: 'agent', key: `wv:${i}` }, since: T0 + i * 1000 });
    const alerts = [
      ...Array.from({ length: 10 }, (_, i) => latency(i)),
      // The newest critical alert, and the most important: a whole feed lost.
      alert('down', { ruleId: 'source.down', metric: 'source.down', subject: { kind: 'source', key: 'av' }, sourceId: 'av', value: 120, threshold: 60, since: T0 + 60_000 }),
      // Not listed: warnings, suppressed or ended ones.
      alert('warn', { severity: 'warning', since: T0 + 70_000 }),
      alert('quiet', { suppressed: true }),
      alert('gone', { state: 'resolved' }),
    ];
    const fake = new FakeBridge(snapshot({ sources, agents, alerts }));
    const { unmount } = await renderApp(fake, '', { wallboard: true });
    const panel = within(screen.getByRole('region', { name: 'Critical alerts (11)' }));
    const items = panel.getAllByRole('listitem').map((li) => li.textContent);
    expect(items).toHaveLength(7);
    // The feed lost first, then the oldest first (the tray's and the API's order).
    expect(items[0]).toMatch(/^✖ Avaya \(demo\): /);
    expect(items.slice(1, 6)).toEqual([0, 1, 2, 3, 4].map((i) => `✖ Agent ${i}: Latency 450\u00a0ms (threshold 400\u00a0ms)`));
    expect(items[6]).toBe('+5 more alerts');
    unmount();

    await renderApp(new FakeBridge(snapshot({ sources, agents, alerts }), settingsView({ ui: { language: 'ru', theme: 'system' } })), '', { wallboard: true });
    await screen.findByRole('heading', { name: 'Критические оповещения (11)' });
    expect(screen.getByText('и ещё 5 оповещений')).toBeTruthy();
  });

  it('says which source each queue is of when queues of several are listed', async () => {
    const fake = new FakeBridge(
      snapshot({
        sources: [source('wv', { name: 'Wolkvox (demo)' }), source('ax', { name: 'Axialys (demo)' }), source('prod', { name: 'Wolkvox Bogotá' })],
        queues: [queue('wv', 'a', { name: 'Support', waiting: 4 }), queue('ax', 'b', { name: 'Support', waiting: 3 }), queue('prod', 'c', { name: 'Ventas', waiting: 1 })],
      }),
    );
    await renderApp(fake, '', { wallboard: true });
    const rows = within(screen.getByRole('region', { name: 'Queues' })).getAllByRole('row');
    expect(within(rows[0]!).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['Queue', 'Source', 'Calls waiting', 'Longest wait']);
    const cells = rows.slice(1).map((r) => [...r.querySelectorAll('th, td')].slice(0, 2).map((c) => c.textContent));
    expect(cells).toEqual([
      ['Support', 'Wolkvox (demo)'],
      ['Support', 'Axialys (demo)'],
      ['Ventas', 'Wolkvox Bogotá'],
    ]);
    expect(rows[1]!.querySelector('td')!.title).toBe('Wolkvox (demo)');
  });
});
