import './helpers/dom';
import { describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { FakeBridge, settingsView } from './helpers/bridge';
import { agent, alert, logEntry, net, queue, site, snapshot, source, T0 } from './helpers/model';
import { renderApp } from './helpers/render';
import { copiedLines, fakeClipboard } from './helpers/clipboard';

describe('Queues view', () => {
  it('shows waiting, a ticking longest wait from oldestSince, service level and volumes, most waiting first', async () => {
    vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'], now: T0 + 70_000 });
    const fake = new FakeBridge(
      snapshot({
        at: T0 + 70_000,
        sources: [source('ax', { name: 'Paris' })],
        queues: [
          queue('ax', '1', { name: 'Billing', waiting: 3, oldestSince: T0, longestWaitSec: 70, offered: 120, answered: 110, abandoned: 4, serviceLevelPct: 91.5, agentsAvailable: 2 }),
          queue('ax', '2', { name: 'Sales', waiting: 12, longestWaitSec: 200, kind: 'skill' }),
        ],
      }),
    );
    await renderApp(fake, '#/queues');
    const rows = screen.getAllByRole('row').slice(1);
    expect(rows.map((r) => within(r).getByRole('rowheader').textContent)).toEqual(['Sales skill', 'Billing queue']);
    const billing = rows[1]!;
    expect(within(billing).getByText('1:10')).toBeTruthy();
    expect(within(billing).getByText('91.5 %')).toBeTruthy();
    expect(within(billing).getByText('120')).toBeTruthy();
    const sales = rows[0]!;
    expect(within(sales).getByText('12').closest('.lvl')!.className).toContain('lvl-critical');
    expect(within(sales).getByText('3:20').closest('.lvl')!.className).toContain('lvl-critical');
    await act(async () => {
      vi.advanceTimersByTime(5000);
    });
    expect(within(screen.getByText('Billing').closest('tr')!).getByText('1:15')).toBeTruthy();
    vi.useRealTimers();
  });

  it('filters queues by source', async () => {
    await renderApp(new FakeBridge(snapshot({ sources: [source('a'), source('b')], queues: [queue('a', '1', { name: 'One' }), queue('b', '2', { name: 'Two' })] })), '#/queues');
    fireEvent.change(screen.getByLabelText('Source'), { target: { value: 'b' } });
    expect(screen.queryByText('One')).toBeNull();
    expect(screen.getByText('Two')).toBeTruthy();
  });

  it("counts a queue's agents available from its members when the vendor does not say, and leaves unknown what nobody is known to serve", async () => {
    const fake = new FakeBridge(
      snapshot({
        sources: [source('ax'), source('wv')],
        queues: [queue('ax', 'care', { name: 'Care' }), queue('wv', 'skill', { name: 'Skill' }), queue('ax', 'vip', { name: 'VIP', agentsAvailable: 7 })],
        agents: [
          agent('ax', '1', { state: 'available', queues: ['ax:care'] }),
          agent('ax', '2', { state: 'available', queues: ['ax:care', 'ax:vip'] }),
          agent('ax', '3', { state: 'on_call', queues: ['ax:care'] }),
        ],
      }),
    );
    await renderApp(fake, '#/queues');
    const available = (name: string) => screen.getByRole('link', { name: `Details of ${name}` }).closest('tr')!.lastElementChild as HTMLElement;
    expect(available('Care').textContent).toBe('2');
    expect(available('Care').title).toBe('Counted from the agents who belong to this queue (the vendor does not say)');
    expect(available('Skill').textContent).toBe('–');
    expect([available('VIP').textContent, available('VIP').title]).toEqual(['7', '']); // the vendor's own figure
    act(() => fake.emit('patch', { type: 'patch', at: T0, upsert: { agents: [agent('ax', '3', { state: 'available', queues: ['ax:care'] })] }, remove: {} }));
    expect(available('Care').textContent).toBe('3');
  });
});

describe('Queue details', () => {
  it("open from a queue's name: its figures, its agents by state, its alerts and its trends", async () => {
    const fake = new FakeBridge(
      snapshot({
        sources: [source('ax', { name: 'Paris' })],
        queues: [queue('ax', '1', { name: 'Billing', waiting: 6, longestWaitSec: 40, serviceLevelPct: 80 }), queue('ax', '2', { name: 'Sales' })],
        agents: [
          agent('ax', 'a', { state: 'available', queues: ['ax:1'] }),
          agent('ax', 'b', { state: 'available', queues: ['ax:1', 'ax:2'] }),
          agent('ax', 'c', { state: 'paused', queues: ['ax:1'] }),
          agent('ax', 'd', { state: 'on_call', queues: ['ax:2'] }),
        ],
        alerts: [alert('w|ax:1', { ruleId: 'queue.waiting', metric: 'queue.waiting', severity: 'warning', subject: { kind: 'queue', key: 'ax:1' }, value: 6, threshold: 5 })],
      }),
    );
    // A wait known once only: its one point is still drawn.
    fake.handle('history:get', ({ metric }) => (metric === 'waiting' ? [{ t: T0 - 60_000, v: 2 }, { t: T0, v: 6 }] : [{ t: T0 - 60_000, v: 95 }, { t: T0, v: 40 }]));
    await renderApp(fake, '#/queues');
    fireEvent.click(screen.getByRole('link', { name: 'Details of Billing' }));
    await waitFor(() => expect(window.location.hash).toBe('#/queues/ax%3A1'));
    const detail = await screen.findByRole('region', { name: 'Billing' });
    const d = within(detail);
    expect(document.activeElement).toBe(d.getByRole('heading', { level: 3 }));
    const fact = (label: string) => d.getByText(label, { selector: 'dt' }).nextElementSibling!.textContent;
    expect(fact('Source')).toBe('Paris');
    expect(fact('Service level')).toBe('80\u00a0%');
    expect(fact('Its agents')).toBe('Available 2 · Paused 1');
    expect(d.getByRole('link', { name: 'Calls waiting 6 (threshold 5)' }).getAttribute('href')).toBe('#/alerts/w%7Cax%3A1');
    await waitFor(() => expect(d.getByRole('img', { name: /^Calls waiting: now 6, highest 6,/ })).toBeTruthy());
    // Waits read as the tables write them: minutes and seconds.
    const longest = d.getByRole('img', { name: /^Longest wait: now 0:40, highest 1:35,/ });
    expect(longest.querySelectorAll('circle.trend-now')).toHaveLength(1);
    expect(longest.querySelector('text.tick')!.textContent).toMatch(/^\d+:\d\d$/);
    expect(fake.callsTo('history:get')).toEqual(expect.arrayContaining([{ key: 'ax:1', metric: 'waiting' }, { key: 'ax:1', metric: 'longestWait' }]));
    // Its row in the table is marked; Esc closes the details.
    expect(screen.getByRole('link', { name: 'Details of Billing' }).closest('tr')!.getAttribute('aria-current')).toBe('true');
    fireEvent.keyDown(detail, { key: 'Escape' });
    await waitFor(() => expect(window.location.hash).toBe('#/queues'));
    expect(screen.queryByRole('region', { name: 'Billing' })).toBeNull();
  });

  it('draws no longest-wait chart for a queue whose source never gives one', async () => {
    const fake = new FakeBridge(snapshot({ sources: [source('wv')], queues: [queue('wv', 's', { name: 'Ventas', kind: 'skill', waiting: 3 })] }));
    fake.handle('history:get', ({ metric }) => (metric === 'waiting' ? [{ t: T0, v: 3 }] : []));
    await renderApp(fake, '#/queues/wv%3As');
    const detail = await screen.findByRole('region', { name: 'Ventas' });
    await within(detail).findByRole('img', { name: /^Calls waiting: now 3/ });
    expect(within(detail).queryByText('Longest wait', { selector: 'figcaption' })).toBeNull();
    expect(detail.querySelectorAll('figure.trend')).toHaveLength(1);
  });

  it('says so when the queue is no longer reported', async () => {
    await renderApp(new FakeBridge(snapshot({ sources: [source('ax')], queues: [] })), '#/queues/ax%3A9');
    await screen.findByText('This queue is no longer reported by its source.');
  });
});

describe('Network view', () => {
  const floor = () =>
    snapshot({
      sources: [source('wv')],
      agents: [agent('wv', '1', { name: 'Ana', network: net(120) }), agent('wv', '2', { name: 'Bruno', network: net(520, { ip: '198.51.100.9' }) }), agent('wv', '3', { name: 'Carla' })],
      sites: [site('wv', '203.0.113.7', { avgLatencyMs: 90 }), site('wv', '198.51.100.9', { avgLatencyMs: 450, maxLatencyMs: 800 })],
      lines: [{ key: 'wv:trunk-a', sourceId: 'wv', user: 'trunk-a', status: 'Registered', txJitterMs: 3, rxJitterMs: 65, txLossPct: 0.1, rxLossPct: 3 }],
    });

  it('lists measured agents worst first and shows trends for the one selected', async () => {
    const fake = new FakeBridge(floor());
    fake.handle('history:get', ({ metric }) => (metric === 'latency' ? [{ t: T0 - 3_600_000, v: 200 }, { t: T0, v: 520 }] : []));
    await renderApp(fake, '#/network');
    const rows = screen.getAllByRole('row').slice(1);
    expect(rows.map((r) => within(r).getByRole('rowheader').textContent)).toEqual(['Bruno', 'Ana']);
    expect(screen.getByText('Select an agent to see its trends.')).toBeTruthy();
    fireEvent.click(rows[0]!);
    expect(await screen.findByRole('heading', { name: 'Trends of Bruno' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Agent details' }).getAttribute('href')).toBe('#/agents/wv%3A2');
    // The same Copy as the agent's details, beside its trends.
    const clipboard = fakeClipboard();
    const lines = await copiedLines(within(document.body), 'Copy', clipboard);
    clipboard.restore();
    expect(lines.join('\n')).toMatch(/^Bruno — Available\n(.*\n)*Latency: 520\u00a0ms\n(.*\n)*IP address: 198\.51\.100\.9/);
    await waitFor(() => expect(screen.getByRole('img', { name: /^Latency: now 520\u00a0ms, highest 520\u00a0ms/ })).toBeTruthy());
    expect(fake.callsTo('history:get')).toContainEqual({ key: 'wv:2', metric: 'loss' });
    expect(screen.getByText('Jitter').closest('figure')!.textContent).toContain('No history yet.');
  });

  it('shows sites and PBX lines in their tabs, reachable with the arrow keys', async () => {
    await renderApp(new FakeBridge(floor()), '#/network');
    const tab = screen.getByRole('tab', { name: 'By agent' });
    tab.focus();
    fireEvent.keyDown(tab, { key: 'ArrowRight' });
    expect(screen.getByRole('tab', { name: 'By site (IP)' }).getAttribute('aria-selected')).toBe('true');
    const siteRows = screen.getAllByRole('row').slice(1);
    expect(within(siteRows[0]!).getByRole('rowheader').textContent).toBe('198.51.100.9');
    expect(within(siteRows[0]!).getByText('450 ms').closest('.lvl')!.className).toContain('lvl-critical');
    fireEvent.click(screen.getByRole('tab', { name: 'By PBX line' }));
    const line = screen.getByText('trunk-a').closest('tr')!;
    expect(within(line).getByText('65 ms').closest('.lvl')!.className).toContain('lvl-critical');
    expect(within(line).getByText('3 %').closest('.lvl')!.className).toContain('lvl-critical');
    expect(within(line).getByText('Registered')).toBeTruthy();
  });

  it('shows the trends of a site chosen in its tab, kept in the address', async () => {
    const fake = new FakeBridge(floor());
    fake.handle('history:get', ({ metric }) => (metric === 'siteLatency' ? [{ t: T0 - 3_600_000, v: 120 }, { t: T0, v: 450 }] : []));
    await renderApp(fake, '#/network?tab=sites');
    expect(screen.getByText('Select a site to see its trends.')).toBeTruthy();
    const rows = screen.getAllByRole('row').slice(1);
    fireEvent.click(rows[1]!);
    expect(window.location.hash).toBe('#/network?tab=sites&site=wv%3A203.0.113.7');
    expect(await screen.findByRole('heading', { name: 'Trends of site 203.0.113.7' })).toBeTruthy();
    // From the keyboard: Enter on a focused row.
    rows[0]!.focus();
    fireEvent.keyDown(rows[0]!, { key: 'Enter' });
    expect(await screen.findByRole('heading', { name: 'Trends of site 198.51.100.9' })).toBeTruthy();
    expect(rows[0]!.getAttribute('aria-selected')).toBe('true');
    await waitFor(() => expect(screen.getByRole('img', { name: /^Average latency: now 450\u00a0ms, highest 450\u00a0ms/ })).toBeTruthy());
    expect(fake.callsTo('history:get')).toContainEqual({ key: 'wv:198.51.100.9', metric: 'siteMaxLatency' });
    expect(fake.callsTo('history:get')).toContainEqual({ key: 'wv:198.51.100.9', metric: 'siteRejection' });
    expect(screen.getByText('Maximum latency', { selector: 'figure *' }).closest('figure')!.textContent).toContain('No history yet.');
    // What a reload of that address shows.
    cleanup();
    await renderApp(fake, '#/network?tab=sites&site=wv%3A198.51.100.9');
    expect(await screen.findByRole('heading', { name: 'Trends of site 198.51.100.9' })).toBeTruthy();
  });

  it('copies a site as text for a ticket: its figures, then each agent behind that address, worst first', async () => {
    const clipboard = fakeClipboard();
    try {
      const base = floor();
      const fake = new FakeBridge({
        ...base,
        sources: [source('wv', { name: 'Bogotá' })],
        agents: [...base.agents, agent('wv', '4', { name: 'Diana', network: net(130, { ip: '198.51.100.9', txJitterMs: null, rxJitterMs: null }) }), agent('ax', '5', { name: 'Otra', sourceId: 'ax', network: net(900, { ip: '198.51.100.9' }) })],
      }, settingsView({ ui: { language: 'es', theme: 'system' } }));
      fake.handle('history:get', () => []);
      await renderApp(fake, '#/network?tab=sites&site=wv%3A198.51.100.9');
      const panel = within(await screen.findByRole('region', { name: 'Tendencias de la sede 198.51.100.9' }));
      expect(await copiedLines(panel, 'Copiar', clipboard)).toEqual([
        'IP pública: 198.51.100.9',
        'Fuente: Bogotá',
        'Agentes: 3',
        'Latencia media: 450\u00a0ms',
        'Latencia máxima: 800\u00a0ms',
        'Latencia mínima: 40\u00a0ms',
        'Rechazo: 0,2\u00a0%',
        'Agentes en esta dirección:',
        '- Bruno — Latencia 520\u00a0ms · Jitter envío / recepción 5\u00a0ms / 5\u00a0ms · Pérdida envío / recepción 0\u00a0% / 0\u00a0% · Rechazo 0\u00a0%',
        '- Diana — Latencia 130\u00a0ms · Pérdida envío / recepción 0\u00a0% / 0\u00a0% · Rechazo 0\u00a0%',
      ]);
      expect(await panel.findByRole('button', { name: 'Copiado' })).toBeTruthy();
    } finally {
      clipboard.restore();
    }
  });

  it('keeps its tab and the agent whose trends are shown in the address, for a reload or a bookmark', async () => {
    const fake = new FakeBridge(floor());
    fake.handle('history:get', () => []);
    await renderApp(fake, '#/network?tab=sites');
    expect(screen.getByRole('tab', { name: 'By site (IP)' }).getAttribute('aria-selected')).toBe('true');
    expect(screen.getByRole('tabpanel').id).toBe('panel-sites');
    fireEvent.click(screen.getByRole('tab', { name: 'By agent' }));
    expect(window.location.hash).toBe('#/network'); // the first tab is the address without one
    fireEvent.click(screen.getAllByRole('row').slice(1)[1]!);
    expect(window.location.hash).toBe('#/network?agent=wv%3A1');
    expect(await screen.findByRole('heading', { name: 'Trends of Ana' })).toBeTruthy();
    // What a reload of that address shows.
    cleanup();
    await renderApp(fake, '#/network?agent=wv%3A2');
    expect(await screen.findByRole('heading', { name: 'Trends of Bruno' })).toBeTruthy();
    expect(screen.getAllByRole('row').find((r) => r.getAttribute('aria-selected') === 'true')!.textContent).toContain('Bruno');
    // An agent no longer known is no selection.
    cleanup();
    await renderApp(fake, '#/network?agent=wv%3A404&tab=nowhere');
    expect(screen.getByText('Select an agent to see its trends.')).toBeTruthy();
    expect(screen.getByRole('tab', { name: 'By agent' }).getAttribute('aria-selected')).toBe('true');
  });

  it('shows one source’s agents, sites and lines when the address names it, and changes it in place', async () => {
    const base = floor();
    const fake = new FakeBridge({
      ...base,
      sources: [source('wv', { name: 'Bogotá' }), source('av', { name: 'Avaya' })],
      agents: [...base.agents, agent('av', '9', { name: 'Zoé', network: net(900) })],
      sites: [...base.sites, site('av', '192.0.2.1', { avgLatencyMs: 900 })],
      lines: [...(base.lines ?? []), { key: 'av:trunk-b', sourceId: 'av', user: 'trunk-b', status: 'Registered', txJitterMs: 1, rxJitterMs: 1, txLossPct: 0, rxLossPct: 0 }],
    });
    await renderApp(fake, '#/network?source=wv');
    const names = () => screen.getAllByRole('row').slice(1).map((r) => within(r).getByRole('rowheader').textContent);
    expect((screen.getByLabelText('Source') as HTMLSelectElement).value).toBe('wv');
    expect(names()).toEqual(['Bruno', 'Ana']);
    fireEvent.click(screen.getByRole('tab', { name: 'By site (IP)' }));
    expect(names()).toEqual(['198.51.100.9', '203.0.113.7']);
    fireEvent.click(screen.getByRole('tab', { name: 'By PBX line' }));
    expect(names()).toEqual(['trunk-a']);
    fireEvent.change(screen.getByLabelText('Source'), { target: { value: '' } });
    expect(window.location.hash).toBe('#/network?tab=lines'); // the tab stays
    expect(names()).toEqual(['trunk-a', 'trunk-b']);
    fireEvent.click(screen.getByRole('tab', { name: 'By agent' }));
    expect(names()).toEqual(['Zoé', 'Bruno', 'Ana']);
  });

  it('sorts each table by its columns, keeps each order across tabs, and goes back to worst first', async () => {
    const base = floor();
    const fake = new FakeBridge({
      ...base,
      sources: [source('wv', { name: 'Bogotá' }), source('av', { name: 'Avaya' })],
      agents: [...base.agents, agent('av', '9', { name: 'Zoé', network: net(300, { ip: '192.0.2.1' }) })],
    });
    await renderApp(fake, '#/network');
    const names = () => screen.getAllByRole('row').slice(1).map((r) => within(r).getByRole('rowheader').textContent);
    const worstFirst = () => screen.getByRole('button', { name: 'Worst first' });
    const headers = () => screen.getAllByRole('columnheader').map((h) => h.textContent!.replace(/[↕▲▼]/g, ''));
    // Two sources measure agents: each row says which.
    expect(headers()).toEqual(['Name', 'Source', 'IP address', 'Latency', 'Jitter send / receive', 'Loss send / receive', 'Rejection']);
    expect(within(screen.getAllByRole('row')[1]!).getByText('Bogotá')).toBeTruthy();
    expect(names()).toEqual(['Bruno', 'Zoé', 'Ana']);
    expect(worstFirst().getAttribute('aria-pressed')).toBe('true');
    fireEvent.click(screen.getByRole('button', { name: 'Name' }));
    expect(names()).toEqual(['Ana', 'Bruno', 'Zoé']);
    expect(screen.getByRole('button', { name: 'Name' }).closest('th')!.getAttribute('aria-sort')).toBe('ascending');
    expect(worstFirst().getAttribute('aria-pressed')).toBe('false');
    fireEvent.click(screen.getByRole('button', { name: 'IP address' }));
    expect(names()).toEqual(['Zoé', 'Bruno', 'Ana']); // 192.0.2.1, 198.51.100.9, 203.0.113.7
    fireEvent.click(screen.getByRole('button', { name: 'Source' }));
    expect(names()).toEqual(['Zoé', 'Ana', 'Bruno']); // Avaya, then Bogotá by name
    // The sites' order is their own, and the agents' is still there after a look at them.
    fireEvent.click(screen.getByRole('tab', { name: 'By site (IP)' }));
    expect(names()).toEqual(['198.51.100.9', '203.0.113.7']);
    expect(headers()).not.toContain('Source'); // the sites come from one source
    fireEvent.click(screen.getByRole('button', { name: 'Average latency' }));
    expect(names()).toEqual(['198.51.100.9', '203.0.113.7']); // highest first on the first click
    fireEvent.click(screen.getByRole('button', { name: 'Average latency' }));
    expect(names()).toEqual(['203.0.113.7', '198.51.100.9']);
    fireEvent.click(screen.getByRole('tab', { name: 'By agent' }));
    expect(names()).toEqual(['Zoé', 'Ana', 'Bruno']);
    fireEvent.click(worstFirst());
    expect(names()).toEqual(['Bruno', 'Zoé', 'Ana']);
    expect(worstFirst().getAttribute('aria-pressed')).toBe('true');
    expect(screen.getAllByRole('columnheader').every((h) => h.getAttribute('aria-sort') === 'none')).toBe(true);
    // One source chosen: no Source column.
    fireEvent.change(screen.getByLabelText('Source'), { target: { value: 'wv' } });
    expect(headers()).not.toContain('Source');
    expect(names()).toEqual(['Bruno', 'Ana']);
  });
});

describe('Network view: what the source filter shows', () => {
  const floor = () =>
    snapshot({
      sources: [source('wv', { name: 'Wolkvox' }), source('ax', { vendor: 'axialys', name: 'Axialys' }), source('tp', { vendor: 'telphin', name: 'Telphin', mode: 'webhook' })],
      agents: [agent('wv', '1', { name: 'Laura', network: net(362) }), agent('ax', '2', { name: 'Camille' }), agent('tp', '3', { name: 'Anna' })],
      sites: [site('wv', '203.0.113.7')],
      lines: [{ key: 'wv:trunk-a', sourceId: 'wv', user: 'trunk-a', status: 'Registered', txJitterMs: 3, rxJitterMs: 5, txLossPct: 0, rxLossPct: 0 }],
    });

  it('hides the trends of an agent the filter leaves out, and drops it from the address', async () => {
    const fake = new FakeBridge(floor());
    await renderApp(fake, '#/network?agent=wv%3A1');
    expect(await screen.findByRole('heading', { name: 'Trends of Laura' })).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Source'), { target: { value: 'ax' } });
    expect(window.location.hash).toBe('#/network?source=ax');
    // Axialys measures no network: it says so, with no trends of an agent of another source under it, nor a hint to pick one.
    expect(screen.getByText('Axialys does not report network measures.')).toBeTruthy();
    expect(screen.queryByText('No network measures yet.')).toBeNull();
    expect(screen.queryByRole('heading', { name: /^Trends of/ })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Copy' })).toBeNull();
    expect(screen.queryByText('Select an agent to see its trends.')).toBeNull();
    // Back to every source: the agent is no longer chosen.
    fireEvent.change(screen.getByLabelText('Source'), { target: { value: '' } });
    expect(screen.getByText('Select an agent to see its trends.')).toBeTruthy();
    // A bookmark naming an agent of another source than the filter's shows no trends either.
    cleanup();
    await renderApp(fake, '#/network?source=ax&agent=wv%3A1');
    expect(screen.queryByRole('heading', { name: /^Trends of/ })).toBeNull();
    // Its own source keeps it.
    cleanup();
    await renderApp(fake, '#/network?agent=wv%3A1');
    fireEvent.change(screen.getByLabelText('Source'), { target: { value: 'wv' } });
    expect(window.location.hash).toBe('#/network?agent=wv%3A1&source=wv');
    expect(screen.getByRole('heading', { name: 'Trends of Laura' })).toBeTruthy();
  });

  it('hides the trends of a site the filter leaves out', async () => {
    await renderApp(new FakeBridge(floor()), '#/network?tab=sites&site=wv%3A203.0.113.7');
    expect(await screen.findByRole('heading', { name: 'Trends of site 203.0.113.7' })).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Source'), { target: { value: 'tp' } });
    expect(window.location.hash).toBe('#/network?tab=sites&source=tp');
    expect(screen.queryByRole('heading', { name: /^Trends of site/ })).toBeNull();
    expect(screen.queryByText('Select a site to see its trends.')).toBeNull();
    expect(screen.getByText('Telphin does not report sites: they come from the Wolkvox latency report.')).toBeTruthy();
    fireEvent.click(screen.getByRole('tab', { name: 'By PBX line' }));
    expect(screen.getByText('Telphin does not report PBX lines: they come from the Wolkvox latency report.')).toBeTruthy();
  });

  it('says "yet" only where a source may still report: several sources that cannot are named, in the language', async () => {
    const base = floor();
    const fake = new FakeBridge({ ...base, sources: base.sources.filter((s) => s.id !== 'wv'), agents: base.agents.filter((a) => a.sourceId !== 'wv'), sites: [], lines: [] }, settingsView({ ui: { language: 'ru', theme: 'system' } }));
    await renderApp(fake, '#/network');
    expect(screen.getByText('Axialys и Telphin не передают сетевые измерения.')).toBeTruthy();
    cleanup();
    // A Wolkvox source not heard from yet: its measures are still to come.
    await renderApp(new FakeBridge({ ...floor(), agents: [] }), '#/network');
    expect(screen.getByText('No network measures yet.')).toBeTruthy();
  });
});

describe('Queues view: a source that reports no queues', () => {
  it('says Telphin reports none while it takes webhooks, and waits for them while it polls', async () => {
    const sources = [source('wv', { name: 'Wolkvox' }), source('tp', { vendor: 'telphin', name: 'Telphin (demo)', mode: 'webhook' })];
    const fake = new FakeBridge(snapshot({ sources, queues: [queue('wv', '1', { name: 'Ventas' })] }));
    await renderApp(fake, '#/queues?source=tp');
    expect(screen.getByText('Telphin (demo) does not report queues.')).toBeTruthy();
    expect(screen.queryByText('No queues reported yet.')).toBeNull();
    cleanup();
    await renderApp(new FakeBridge(snapshot({ sources: [source('tp', { vendor: 'telphin', name: 'Telphin', mode: 'polling' })] })), '#/queues');
    expect(screen.getByText('No queues reported yet.')).toBeTruthy();
  });
});

describe('Source filters', () => {
  it('list the sources by name in every view, whatever order they are configured in', async () => {
    const sources = [source('wv', { name: 'Wolkvox (demo)' }), source('ax', { vendor: 'axialys', name: 'Axialys (demo)' }), source('av', { vendor: 'avaya', name: 'Avaya AXP (demo)' }), source('tp', { vendor: 'telphin', name: 'Telphin (demo)' })];
    const fake = new FakeBridge(snapshot({ sources, agents: [agent('wv', '1')], queues: [queue('wv', '1')], log: [logEntry(1)] }));
    for (const view of ['agents', 'queues', 'network', 'alerts', 'events']) {
      await renderApp(fake, `#/${view}`);
      const options = [...(screen.getByLabelText('Source') as HTMLSelectElement).options].map((o) => o.textContent);
      expect(options, view).toEqual(['All', 'Avaya AXP (demo)', 'Axialys (demo)', 'Telphin (demo)', 'Wolkvox (demo)']);
      cleanup();
    }
  });
});
