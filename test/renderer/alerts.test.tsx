import './helpers/dom';
import { describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { FakeBridge, settingsView } from './helpers/bridge';
import { agent, alert, net, queue, snapshot, source, T0 } from './helpers/model';
import { renderApp } from './helpers/render';
import { copiedLines, fakeClipboard } from './helpers/clipboard';
import type { Alert } from '../../src/shared/model';
import { createTranslator } from '../../src/renderer/i18n/translate';

/** The rows of the History tab: one per time an alert ended. */
const historyRows = () => [...document.querySelectorAll<HTMLElement>('tr[data-entry-id]')];

function floor(alerts: Alert[]) {
  return snapshot({ sources: [source('wv', { name: 'Bogotá' })], agents: [agent('wv', '1', { name: 'Ana' })], queues: [queue('wv', 'q', { name: 'Sales' })], alerts });
}

describe('Alerts view', () => {
  it('separates firing and pending, with localized descriptions and subjects', async () => {
    const fake = new FakeBridge(
      floor([
        alert('lat|wv:1'),
        alert('wait|wv:q', { ruleId: 'queue.longest_wait', metric: 'queue.longest_wait', severity: 'warning', subject: { kind: 'queue', key: 'wv:q' }, value: 75, threshold: 60 }),
        alert('p1', { state: 'pending', subject: { kind: 'queue', key: 'wv:q' }, ruleId: 'queue.waiting', metric: 'queue.waiting', value: 6, threshold: 5, severity: 'warning' }),
      ]),
    );
    await renderApp(fake, '#/alerts');
    expect(screen.getByRole('tab', { name: 'Firing (2)' }).getAttribute('aria-selected')).toBe('true');
    expect(screen.getByText('Latency 450 ms (threshold 400 ms)')).toBeTruthy();
    expect(screen.getByText('Longest wait 1:15 (threshold 1:00)')).toBeTruthy();
    expect(screen.getByText('Ana').closest('td')!.textContent).toBe('Ana agent');
    // What an alert is about opens its own details.
    expect(screen.getByRole('link', { name: 'Ana' }).getAttribute('href')).toBe('#/agents/wv%3A1');
    expect(screen.getByRole('link', { name: 'Sales' }).getAttribute('href')).toBe('#/queues/wv%3Aq');
    fireEvent.click(screen.getByRole('tab', { name: 'Pending (1)' }));
    expect(screen.getByText('Calls waiting 6 (threshold 5)')).toBeTruthy();
  });

  it("says the vendor's own alerts in the reader's language, and keeps each unit with its number", async () => {
    const vendor = (id: string, metric: string, value: number | null) =>
      alert(id, { ruleId: metric, metric, severity: 'warning', subject: { kind: 'queue', key: 'wv:q' }, value, threshold: null, message: 'Waiting threshold exceeded (raised by the vendor) — Sales (Bogotá)' });
    const alerts = [
      alert('lat|wv:1'),
      alert('loss|wv:1', { ruleId: 'agent.loss', metric: 'agent.loss', value: 3.1, threshold: 2.5 }),
      vendor('file', 'vendor.alert_file', 41),
      vendor('op', 'vendor.alert_op', null),
      vendor('other', 'vendor.alert_trunk', null),
    ];
    const what = (id: string) => document.querySelector(`tr[data-alert-id="${id}"] a`)!.textContent;
    const fake = new FakeBridge(floor(alerts), settingsView({ ui: { language: 'fr', theme: 'system' } }));
    const { unmount } = await renderApp(fake, '#/alerts');
    expect(what('file')).toBe('Seuil d’attente dépassé (0:41, signalé par l’éditeur)');
    expect(what('op')).toBe('Agents en nombre insuffisant (signalé par l’éditeur)');
    // A vendor alert the dashboard does not know keeps the host's own text.
    expect(what('other')).toBe('Alerte de l’éditeur\u202f: Waiting threshold exceeded (raised by the vendor) — Sales (Bogotá)');
    // No line break between a figure and its unit.
    expect(what('lat|wv:1')).toBe('Latence 450\u00a0ms (seuil 400\u00a0ms)');
    expect(what('loss|wv:1')).toBe('Perte de paquets 3,1\u00a0% (seuil 2,5\u00a0%)');
    unmount();
    await renderApp(new FakeBridge(floor(alerts), settingsView({ ui: { language: 'ru', theme: 'system' } })), '#/alerts');
    expect(what('file')).toBe('Превышен порог ожидания (0:41, оповещение поставщика)');
    expect(what('lat|wv:1')).toBe('Задержка 450\u00a0мс (порог 400\u00a0мс)');
  });

  it('says which source each alert is of, where alerts of several sources are listed', async () => {
    const sources = [source('wv', { name: 'Wolkvox (demo)' }), source('ax', { name: 'Axialys (demo)' }), source('tp', { name: 'Telphin (demo)' })];
    const support = (src: string) =>
      alert(`q|${src}:support`, { sourceId: src, subject: { kind: 'queue', key: `${src}:support` }, ruleId: 'queue.waiting', metric: 'queue.waiting', value: 12, threshold: 10 });
    const alerts = [
      support('wv'),
      support('ax'),
      // An alert without its source id: the source is its subject's.
      { ...support('tp'), sourceId: undefined },
      alert('down', { ruleId: 'source.down', metric: 'source.down', subject: { kind: 'source', key: 'tp' }, sourceId: undefined, value: 90, threshold: 60 }),
    ];
    const queues = ['wv', 'ax', 'tp'].map((src) => queue(src, 'support', { name: 'Support queue' }));
    const fake = new FakeBridge(snapshot({ sources, queues, alerts }));
    await renderApp(fake, '#/alerts');
    const table = screen.getByRole('table', { name: 'Alerts' });
    expect(within(table).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['Severity', 'Alert', 'About', 'Source', 'Since', 'For', 'Actions']);
    const sourceOf = (id: string) => document.querySelector<HTMLElement>(`tr[data-alert-id="${id}"] td.source`)!;
    // The label the agents table shows (the words every source's name shares left out), the whole name on hover.
    expect(sourceOf('q|wv:support').textContent).toBe('Wolkvox');
    expect(sourceOf('q|wv:support').title).toBe('Wolkvox (demo)');
    expect(sourceOf('q|ax:support').textContent).toBe('Axialys');
    expect(sourceOf('q|tp:support').textContent).toBe('Telphin');
    expect(sourceOf('down').textContent).toBe('Telphin');
    // In a narrow window the same label goes under the subject instead (components.css); a source's own alert needs none.
    const under = (id: string) => document.querySelector<HTMLElement>(`tr[data-alert-id="${id}"] .alert-source`);
    expect(under('q|ax:support')!.textContent).toBe('Axialys');
    expect(under('q|ax:support')!.title).toBe('Axialys (demo)');
    expect(under('down')).toBeNull();
    // One source chosen: its name in every row would say nothing.
    fireEvent.change(screen.getByLabelText('Source'), { target: { value: 'wv' } });
    await waitFor(() => expect(within(screen.getByRole('table', { name: 'Alerts' })).queryByRole('columnheader', { name: 'Source' })).toBeNull());
  });

  it('has no Source column with one source', async () => {
    await renderApp(new FakeBridge(floor([alert('a1')])), '#/alerts');
    expect(within(screen.getByRole('table', { name: 'Alerts' })).queryByRole('columnheader', { name: 'Source' })).toBeNull();
  });

  it("shows today's start as a time and an older one with its date, the full date and time on hover", async () => {
    const older = T0 - 3 * 86_400_000;
    await renderApp(new FakeBridge(floor([alert('today', { since: T0 - 60_000 }), alert('older', { since: older, subject: { kind: 'queue', key: 'wv:q' } })])), '#/alerts');
    const since = (id: string) => document.querySelector(`tr[data-alert-id="${id}"] time`) as HTMLTimeElement;
    const fmt = new Intl.DateTimeFormat('en', { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
    const full = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'medium', hourCycle: 'h23' });
    expect(since('today').textContent).toBe(fmt.format(T0 - 60_000));
    expect(since('today').title).toBe(full.format(T0 - 60_000));
    expect(since('older').textContent).toBe(full.format(older));
    expect(since('older').dateTime).toBe(new Date(older).toISOString());
    // 24-hour, as everywhere else in the dashboard, also in English; the month named, as "11/12/26"
    // would read as 11 December to a British reader.
    expect(since('older').textContent).not.toMatch(/AM|PM/);
    expect(since('older').textContent).toMatch(/^[A-Z][a-z]{2} \d{1,2}, \d{4}, \d{2}:\d{2}:\d{2}$/);
  });

  it('acknowledges an alert and shows it at once', async () => {
    const fake = new FakeBridge(floor([alert('a1')]));
    fake.handle('alerts:ack', ({ id }) => ({ ...alert(id), acknowledged: true }));
    await renderApp(fake, '#/alerts');
    const ackButton = screen.getByRole('button', { name: 'Acknowledge' });
    ackButton.focus();
    fireEvent.click(ackButton);
    await screen.findByText('Acknowledged');
    expect(fake.callsTo('alerts:ack')).toEqual([{ id: 'a1' }]);
    expect(screen.queryByRole('button', { name: 'Acknowledge' })).toBeNull();
    // A click on the wrong alert is taken back: Undo, named by its word, explained by its hint, has the focus.
    const undo = screen.getByRole('button', { name: 'Undo' });
    expect(undo.getAttribute('title')).toBe('Take the acknowledgement back: the alert notifies again as an unacknowledged one');
    await waitFor(() => expect(document.activeElement).toBe(undo));
    fake.handle('alerts:unack', ({ id }) => alert(id));
    fireEvent.click(undo);
    const again = await screen.findByRole('button', { name: 'Acknowledge' });
    await waitFor(() => expect(document.activeElement).toBe(again));
    expect(fake.callsTo('alerts:unack')).toEqual([{ id: 'a1' }]);
  });

  it('snoozes for a chosen time or until recovered, and unsnoozes', async () => {
    const fake = new FakeBridge(floor([alert('a1')]));
    fake.handle('alerts:snooze', ({ minutes }) => [{ ...alert('a1'), snoozedUntil: minutes === null ? 8.64e15 : Date.now() + minutes * 60_000 }]);
    fake.handle('alerts:unsnooze', () => [alert('a1')]);
    await renderApp(fake, '#/alerts');
    fireEvent.change(screen.getByLabelText('Snooze for'), { target: { value: '4h' } });
    fireEvent.click(screen.getByRole('button', { name: 'Snooze' }));
    await screen.findByText(/^Snoozed until /);
    expect(fake.callsTo('alerts:snooze')).toEqual([{ alertId: 'a1', minutes: 240 }]);
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Unsnooze' })));
    fireEvent.click(screen.getByRole('button', { name: 'Unsnooze' }));
    await screen.findByRole('button', { name: 'Snooze' });
    fireEvent.change(screen.getByLabelText('Snooze for'), { target: { value: 'recovered' } });
    fireEvent.click(screen.getByRole('button', { name: 'Snooze' }));
    await screen.findByText('Snoozed until recovered');
    expect(fake.callsTo('alerts:snooze')[1]).toEqual({ alertId: 'a1', minutes: null });
  });

  it('says the day a snooze ends when that is not today, the full date and time on hover', async () => {
    const later = T0 + 3_600_000;
    const tomorrow = T0 + 86_400_000;
    const alerts = [alert('today', { snoozedUntil: later }), alert('tomorrow', { snoozedUntil: tomorrow, subject: { kind: 'queue', key: 'wv:q' } }), alert('recovered', { snoozedUntil: 8.64e15, subjectName: 'Olga' })];
    const badge = (id: string) => document.querySelector<HTMLElement>(`tr[data-alert-id="${id}"] .badge.snoozed`)!;
    const together = (text: string) => text.replace(/\s/g, '\u00a0');
    for (const [lang, today, other] of [
      ['en', 'Snoozed until ', 'Snoozed until '],
      ['es', 'Pospuesta hasta las ', 'Pospuesta hasta el '],
      ['fr', 'Reportée jusqu’à ', 'Reportée jusqu’au '],
      ['ru', 'Отложено до ', 'Отложено до '],
    ] as const) {
      const tr = createTranslator(lang);
      await renderApp(new FakeBridge(floor(alerts), settingsView({ ui: { language: lang, theme: 'system' } })), '#/alerts');
      expect(badge('today').textContent).toBe(`${today}${tr.time(later)}`);
      expect(badge('today').title).toBe(tr.dateTime(later));
      // Its date and time kept together where the badge wraps.
      expect(badge('tomorrow').textContent).toBe(`${other}${together(tr.dateTime(tomorrow))}`);
      expect(badge('tomorrow').title).toBe(tr.dateTime(tomorrow));
      expect(badge('recovered').title).toBe('');
      cleanup();
    }
  });

  it('offers no Acknowledge on a pending alert, which has not been raised, says why, and keeps Snooze', async () => {
    const fake = new FakeBridge(floor([alert('p1', { state: 'pending' }), alert('p2', { state: 'pending', acknowledged: true, subject: { kind: 'queue', key: 'wv:q' } })]));
    fake.handle('alerts:snooze', () => [{ ...alert('p1', { state: 'pending' }), snoozedUntil: T0 + 900_000 }]);
    await renderApp(fake, '#/alerts?tab=pending');
    const row = document.querySelector<HTMLElement>('tr[data-alert-id="p1"]')!;
    expect(within(row).queryByRole('button', { name: 'Acknowledge' })).toBeNull();
    expect(screen.queryByRole('button', { name: /^Acknowledge all/ })).toBeNull();
    expect(screen.getByText('Not raised yet, so nothing has been notified to acknowledge. Snooze keeps an alert quiet should it be raised.')).toBeTruthy();
    // One acknowledged all the same (through the API) can be taken back.
    expect(within(document.querySelector<HTMLElement>('tr[data-alert-id="p2"]')!).getByRole('button', { name: 'Undo' })).toBeTruthy();
    fireEvent.click(within(row).getByRole('button', { name: 'Snooze' }));
    await within(row).findByRole('button', { name: 'Unsnooze' });
    expect(fake.callsTo('alerts:snooze')).toEqual([{ alertId: 'p1', minutes: 15 }]);
    // Nor do its details.
    fireEvent.click(within(row).getByRole('link', { name: /^Latency/ }));
    const detail = await screen.findByRole('region', { name: /^Latency/ });
    expect(within(detail).queryByRole('button', { name: 'Acknowledge' })).toBeNull();
    expect(within(detail).getByRole('button', { name: 'Unsnooze' })).toBeTruthy();
    cleanup();
    // Firing, it is offered.
    await renderApp(new FakeBridge(floor([alert('f1')])), '#/alerts');
    expect(screen.getByRole('button', { name: 'Acknowledge' })).toBeTruthy();
    expect(screen.queryByText(/^Not raised yet/)).toBeNull();
  });

  it('names the columns in Russian with words that say what they hold', async () => {
    const fake = new FakeBridge(floor([alert('a1')]), settingsView({ ui: { language: 'ru', theme: 'system' } }));
    fake.handle('alerts:history', () => [alert('old', { state: 'resolved', resolvedAt: T0 + 60_000 })]);
    await renderApp(fake, '#/alerts');
    const headers = () => within(screen.getByRole('table', { name: 'Оповещения' })).getAllByRole('columnheader').map((h) => h.textContent);
    expect(headers()).toEqual(['Важность', 'Оповещение', 'Объект', 'Начало', 'Длится', 'Действия']);
    fireEvent.click(screen.getByRole('tab', { name: 'История' }));
    await waitFor(() => expect(historyRows()).toHaveLength(1));
    expect(headers()).toEqual(['Важность', 'Оповещение', 'Объект', 'Начало', 'Окончание', 'Длилось']);
  });

  it('acknowledges every firing alert listed at once, those of the chosen source only, in lists of at most 1,000', async () => {
    const both = [
      alert('a1', { since: T0 - 3000 }),
      alert('a2', { acknowledged: true }),
      alert('a3', { since: T0 - 1000 }),
      alert('a4', { sourceId: 'ax', subject: { kind: 'agent', key: 'ax:3' }, since: T0 - 2000 }),
      alert('p1', { state: 'pending' }),
    ];
    const byId = new Map(both.map((a) => [a.id, a]));
    const fake = new FakeBridge(snapshot({ sources: [source('wv', { name: 'Bogotá' }), source('ax', { name: 'Paris' })], agents: [agent('wv', '1', { name: 'Ana' })], alerts: both }));
    fake.handle('alerts:ack-many', ({ ids }) => ids.map((id) => ({ ...byId.get(id)!, acknowledged: true })));
    await renderApp(fake, '#/alerts?source=wv');
    fireEvent.click(screen.getByRole('button', { name: 'Acknowledge all (2)' }));
    await waitFor(() => expect(screen.queryByRole('button', { name: /^Acknowledge all/ })).toBeNull());
    expect(fake.callsTo('alerts:ack-many')).toEqual([{ ids: ['a3', 'a1'] }]);
    expect(screen.getAllByText('Acknowledged')).toHaveLength(3);
    // Undo takes back what it acknowledged, all at once, and only that (a2 was acknowledged before)
    const bulk = document.querySelector('.list-actions') as HTMLElement;
    expect(within(bulk).getByRole('status').textContent).toMatch(/^2 alerts acknowledged\./);
    await waitFor(() => expect(document.activeElement).toBe(within(bulk).getByRole('button', { name: 'Undo' })));
    fake.handle('alerts:unack', ({ id }) => byId.get(id)!);
    fireEvent.click(within(bulk).getByRole('button', { name: 'Undo' }));
    const ackAll = await screen.findByRole('button', { name: 'Acknowledge all (2)' });
    await waitFor(() => expect(document.activeElement).toBe(ackAll));
    expect((fake.callsTo('alerts:unack') as { id: string }[]).map((c) => c.id).sort()).toEqual(['a1', 'a3']);
    expect(screen.getAllByText('Acknowledged')).toHaveLength(1);
    fireEvent.click(screen.getByRole('button', { name: 'Acknowledge all (2)' }));
    await waitFor(() => expect(screen.queryByRole('button', { name: /^Acknowledge all/ })).toBeNull());
    // One alert left to acknowledge has its own button; the list's is for several.
    fireEvent.change(screen.getByLabelText('Source'), { target: { value: '' } });
    expect(screen.queryByRole('button', { name: /^Acknowledge all/ })).toBeNull();
    expect(screen.getAllByRole('button', { name: 'Acknowledge' })).toHaveLength(1);
    cleanup();

    // A site down: 1,500 alerts go in two commands, the screen follows each.
    const many = Array.from({ length: 1500 }, (_, i) => alert(`m${i}`, { since: T0 - i }));
    const big = new FakeBridge(floor(many));
    big.handle('alerts:ack-many', ({ ids }) => ids.map((id) => ({ ...many[Number(id.slice(1))]!, acknowledged: true })));
    await renderApp(big, '#/alerts');
    fireEvent.click(screen.getByText('Acknowledge all (1,500)'));
    await waitFor(() => expect(big.callsTo('alerts:ack-many')).toHaveLength(2));
    expect((big.callsTo('alerts:ack-many') as { ids: string[] }[]).map((c) => c.ids.length)).toEqual([1000, 500]);
    await waitFor(() => expect(screen.queryByText(/^Acknowledge all/)).toBeNull());
  });

  it('shows the host error when a command fails', async () => {
    const fake = new FakeBridge(floor([alert('a1')]));
    fake.handle('alerts:ack', () => {
      throw new Error('The collector did not answer in time. Check that it is running, then try again.');
    });
    await renderApp(fake, '#/alerts');
    fireEvent.click(screen.getByRole('button', { name: 'Acknowledge' }));
    expect((await screen.findByText(/did not answer in time/)).getAttribute('role')).toBe('alert');
  });

  it('shows one source’s alerts, the filter kept in the address and through an alert’s details', async () => {
    const fake = new FakeBridge(
      snapshot({
        sources: [source('wv', { name: 'Bogotá' }), source('ax', { name: 'Paris' })],
        agents: [agent('wv', '1', { name: 'Ana' }), agent('ax', '3', { name: 'Camille' })],
        alerts: [alert('lat|wv:1'), alert('lat|ax:3', { subject: { kind: 'agent', key: 'ax:3' }, sourceId: 'ax' }), alert('p|ax:3', { state: 'pending', subject: { kind: 'agent', key: 'ax:3' }, sourceId: 'ax' })],
      }),
    );
    fake.handle('alerts:history', () => [
      alert('old|wv:1', { state: 'resolved', resolvedAt: T0 + 1 }),
      alert('old|ax:3', { state: 'resolved', resolvedAt: T0 + 2, subject: { kind: 'agent', key: 'ax:3' }, sourceId: 'ax' }),
    ]);
    await renderApp(fake, '#/alerts?source=ax');
    expect((screen.getByLabelText('Source') as HTMLSelectElement).value).toBe('ax');
    expect(screen.getByRole('tab', { name: 'Firing (1)' })).toBeTruthy();
    expect(screen.getByRole('tab', { name: 'Pending (1)' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Camille' })).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'Ana' })).toBeNull();
    fireEvent.click(screen.getByRole('tab', { name: 'History' }));
    expect(window.location.hash).toBe('#/alerts?source=ax&tab=history');
    await waitFor(() => expect(historyRows()).toHaveLength(1));
    expect(screen.getByRole('link', { name: 'Camille' })).toBeTruthy();

    // Another source keeps the tab.
    fireEvent.change(screen.getByLabelText('Source'), { target: { value: '' } });
    expect(window.location.hash).toBe('#/alerts?tab=history');
    expect(screen.getByRole('tab', { name: 'History' }).getAttribute('aria-selected')).toBe('true');
    await waitFor(() => expect(historyRows()).toHaveLength(2));
    fireEvent.change(screen.getByLabelText('Source'), { target: { value: 'wv' } });
    // Export CSV follows the filter: that source's alerts, in a file named after it.
    const files: Blob[] = [];
    URL.createObjectURL = vi.fn((b: Blob) => (files.push(b), 'blob:csv'));
    URL.revokeObjectURL = vi.fn();
    const names: string[] = [];
    const download = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      names.push(this.download);
    });
    fireEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
    await waitFor(() => expect(download).toHaveBeenCalled());
    expect(names[0]).toMatch(/^alerts-wv-\d{8}-\d{4}\.csv$/);
    const ids = (await files[0]!.text()).trim().split('\r\n').slice(1).map((line) => line.split(',').at(-1));
    expect(ids).toEqual(['lat|wv:1', 'old|wv:1']);
    expect(fake.callsTo('alerts:history').at(-1)).toEqual({ limit: 100_000 });
    expect(fake.callsTo('alerts:export-csv')).toEqual([]);
    download.mockRestore();
    fireEvent.click(screen.getByRole('tab', { name: 'Firing (1)' }));
    expect(window.location.hash).toBe('#/alerts?source=wv'); // the first tab is the address without one
    // An alert opened from the filtered list keeps the filter, and closing it comes back to it.
    fireEvent.click(screen.getByRole('link', { name: /^Latency/ }));
    await screen.findByRole('region', { name: /Latency/ });
    expect(window.location.hash).toBe('#/alerts/lat%7Cwv%3A1?source=wv');
    fireEvent.click(screen.getByRole('button', { name: 'Close' }));
    await waitFor(() => expect(window.location.hash).toBe('#/alerts?source=wv'));
    expect(screen.getByRole('tab', { name: 'Firing (1)' })).toBeTruthy();
  });

  it('loads the history from the host and exports it, with the firing alerts, as a spreadsheet file', async () => {
    const fake = new FakeBridge(floor([alert('now', { severity: 'warning', value: 250, threshold: 200 }), alert('pend', { state: 'pending' })]));
    fake.handle('alerts:history', () => [alert('old', { state: 'resolved', since: T0 - 600_000, resolvedAt: T0 - 480_000 })]);
    const created: Blob[] = [];
    URL.createObjectURL = vi.fn((b: Blob) => (created.push(b), 'blob:csv'));
    URL.revokeObjectURL = vi.fn();
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    await renderApp(fake, '#/alerts');
    fireEvent.click(screen.getByRole('tab', { name: 'History' }));
    await waitFor(() => expect(historyRows()).toHaveLength(1));
    expect(within(historyRows()[0]!).getByText('2:00')).toBeTruthy();
    expect(fake.callsTo('alerts:history')).toEqual([{ limit: 500 }]);
    fireEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
    await waitFor(() => expect(click).toHaveBeenCalled());
    const text = await created[0]!.text();
    // A byte order mark first, so a spreadsheet reads the names as UTF-8.
    expect(text.split('\r\n')[0]).toBe(
      '\uFEFFSeverity,State,Alert,About,Kind,Source,Value,Threshold,Unit,Started,Raised,Ended,Duration (s),Acknowledged,Rule,Alert id',
    );
    // The firing alert, then the history; the pending one is not an alert yet.
    const rows = text.trim().split('\r\n').slice(1);
    expect(rows.map((r) => r.split(',')[0])).toEqual(['Warning', 'Critical']);
    expect(rows[1]).toContain(',Resolved,Latency 450\u00a0ms (threshold 400\u00a0ms),Ana,agent,Bogotá,450,400,ms,');
    expect(rows[1]).toMatch(/,120,no,Agent latency,old$/);
    expect(created[0]!.type).toBe('text/csv;charset=utf-8');
    expect(fake.callsTo('alerts:export-csv')).toEqual([]);
    click.mockRestore();
  });

  it('shows every time one alert ended in the history, each opening its own record at an address of its own', async () => {
    const newer = alert('same', { state: 'resolved', since: T0 - 300_000, firedAt: T0 - 290_000, resolvedAt: T0 - 240_000, subjectName: 'Ana' });
    const older = alert('same', { state: 'resolved', since: T0 - 900_000, firedAt: T0 - 880_000, resolvedAt: T0 - 600_000, subjectName: 'Ana' });
    const fake = new FakeBridge(floor([]));
    fake.handle('alerts:history', () => [newer, older]);
    // Rows of one id under one React key may be "duplicated and/or omitted" as the list changes.
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    await renderApp(fake, '#/alerts?tab=history');
    await waitFor(() => expect(historyRows()).toHaveLength(2));
    expect(historyRows()[0]!.textContent).toContain('1:00');
    expect(historyRows()[1]!.textContent).toContain('5:00');
    expect(errors.mock.calls.map((c) => String(c[0])).filter((m) => m.includes('same key'))).toEqual([]);
    errors.mockRestore();
    // Each its own address (the alert id and when that time was raised) and its own DOM id.
    const links = historyRows().map((r) => within(r).getByRole('link', { name: /^Latency/ }).getAttribute('href'));
    expect(links).toEqual([`#/alerts/${encodeURIComponent(`same@${T0 - 290_000}`)}?tab=history`, `#/alerts/${encodeURIComponent(`same@${T0 - 880_000}`)}?tab=history`]);
    const ids = [...document.querySelectorAll('[id]')].map((e) => e.id);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    expect(historyRows().map((r) => r.id)).toEqual([`alert-same@${T0 - 290_000}`, `alert-same@${T0 - 880_000}`]);

    // The older row opens its own record, not the newest one of that alert.
    const tr = createTranslator('en');
    const opened = async () => {
      const detail = await screen.findByRole('region', { name: /^Latency/ });
      const fact = (label: string) => within(detail).getByText(label, { selector: 'dt' }).nextElementSibling!.textContent;
      return [fact('Started'), fact('Raised'), fact('Ended'), fact('Lasted')];
    };
    fireEvent.click(within(historyRows()[1]!).getByRole('link', { name: /^Latency/ }));
    await waitFor(() => expect(window.location.hash).toBe(links[1]));
    expect(await opened()).toEqual([tr.dateTime(T0 - 900_000), tr.dateTime(T0 - 880_000), tr.dateTime(T0 - 600_000), '5\u00a0min 0\u00a0s']);
    await waitFor(() => expect(historyRows().map((r) => r.getAttribute('aria-current'))).toEqual([null, 'true']));
    // The other row, then the other row's address itself.
    fireEvent.click(within(historyRows()[0]!).getByRole('link', { name: /^Latency/ }));
    await waitFor(() => expect(historyRows().map((r) => r.getAttribute('aria-current'))).toEqual(['true', null]));
    expect(await opened()).toEqual([tr.dateTime(T0 - 300_000), tr.dateTime(T0 - 290_000), tr.dateTime(T0 - 240_000), '1\u00a0min 0\u00a0s']);
    cleanup();
    // Stable: the address opens that record again, from scratch (a bookmark, a reload).
    await renderApp(fake, links[1]!);
    expect(await opened()).toEqual([tr.dateTime(T0 - 900_000), tr.dateTime(T0 - 880_000), tr.dateTime(T0 - 600_000), '5\u00a0min 0\u00a0s']);
    expect(screen.getByRole('tab', { name: 'History' }).getAttribute('aria-selected')).toBe('true');
    cleanup();
    // The alert id alone (a notification's) is the latest time it ended.
    await renderApp(fake, '#/alerts/same');
    expect(await opened()).toEqual([tr.dateTime(T0 - 300_000), tr.dateTime(T0 - 290_000), tr.dateTime(T0 - 240_000), '1\u00a0min 0\u00a0s']);
    await waitFor(() => expect(historyRows().map((r) => r.getAttribute('aria-current'))).toEqual(['true', null]));
  });

  it('shows in the history when each alert began and ended, ordered by the end, with no actions column', async () => {
    const fake = new FakeBridge(floor([]));
    const yesterday = T0 - 86_400_000;
    fake.handle('alerts:history', () => [
      alert('early-end', { state: 'resolved', since: T0 - 120_000, firedAt: T0 - 120_000, resolvedAt: T0 - 60_000 }),
      alert('late-end', { state: 'resolved', since: yesterday, firedAt: yesterday, resolvedAt: T0 - 30_000, subject: { kind: 'queue', key: 'wv:q' } }),
    ]);
    await renderApp(fake, '#/alerts?tab=history');
    await waitFor(() => expect(historyRows()).toHaveLength(2));
    const table = screen.getByRole('table', { name: 'Alerts' });
    expect(within(table).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['Severity', 'Alert', 'About', 'Started', 'Ended', 'Lasted']);
    // Newest end first: the one that began yesterday ended last.
    expect(historyRows().map((r) => r.getAttribute('data-alert-id'))).toEqual(['late-end', 'early-end']);
    const tr = createTranslator('en');
    const times = (row: HTMLElement) => [...row.querySelectorAll('time')].map((t) => [t.textContent, t.title]);
    expect(times(historyRows()[0]!)).toEqual([
      [tr.dateTime(yesterday), tr.dateTime(yesterday)],
      [tr.time(T0 - 30_000), tr.dateTime(T0 - 30_000)],
    ]);
    expect(times(historyRows()[1]!)).toEqual([
      [tr.time(T0 - 120_000), tr.dateTime(T0 - 120_000)],
      [tr.time(T0 - 60_000), tr.dateTime(T0 - 60_000)],
    ]);
    expect(within(table).queryAllByRole('button')).toEqual([]);
  });

  it('opens the tab the address names, and Firing for a tab it does not know', async () => {
    const fake = new FakeBridge(floor([alert('a1'), alert('p1', { state: 'pending', subjectName: 'Pía' })]));
    fake.handle('alerts:history', () => [alert('old', { state: 'resolved', resolvedAt: T0, subjectName: 'Olga' })]);
    await renderApp(fake, '#/alerts?tab=pending');
    const selected = () => screen.getAllByRole('tab').filter((t) => t.getAttribute('aria-selected') === 'true').map((t) => t.textContent);
    expect(selected()).toEqual(['Pending (1)']);
    expect(screen.getByRole('tabpanel').id).toBe('panel-pending');
    act(() => {
      window.location.hash = '#/alerts?tab=history';
      window.dispatchEvent(new HashChangeEvent('hashchange'));
    });
    expect(selected()).toEqual(['History']);
    await waitFor(() => expect(historyRows()).toHaveLength(1));
    act(() => {
      window.location.hash = '#/alerts?tab=everything';
      window.dispatchEvent(new HashChangeEvent('hashchange'));
    });
    expect(selected()).toEqual(['Firing (1)']);
  });

  it('opens at one alert from #/alerts/<id> and from the host navigate event', async () => {
    const fake = new FakeBridge(floor([alert('a1'), alert('a2', { subject: { kind: 'agent', key: 'wv:x' }, subjectName: 'Xavier' })]));
    await renderApp(fake, '#/overview');
    act(() => fake.emit('navigate', { view: 'alerts', alertId: 'a2' }));
    await waitFor(() => expect(window.location.hash).toBe('#/alerts/a2'));
    // Its details above the list have the focus; its row in the list is marked.
    const detail = await screen.findByRole('region', { name: /^Latency 450\sms \(threshold 400\sms\)$/ });
    expect(document.activeElement).toBe(within(detail).getByRole('heading', { level: 3 }));
    const row = document.querySelector('tr[data-alert-id="a2"]')!;
    expect(row.className).toContain('focus');
    expect(row.getAttribute('aria-current')).toBe('true');
    expect(document.querySelector('tr[data-alert-id="a1"]')!.getAttribute('aria-current')).toBeNull();
  });
});

describe('Alert details', () => {
  const floorWithNet = (alerts: Alert[]) =>
    snapshot({
      sources: [source('wv', { name: 'Bogotá' })],
      agents: [agent('wv', '1', { name: 'Ana', network: net(450, { ip: '203.0.113.7' }) })],
      queues: [queue('wv', 'q', { name: 'Sales', waiting: 7 })],
      alerts,
    });

  it("opens at an agent's alert with what to look at, its facts, a link to the agent, its actions and the measure's trend", async () => {
    const fake = new FakeBridge(floorWithNet([alert('lat|wv:1', { firedAt: T0 + 30_000 })]));
    fake.handle('history:get', ({ metric }) => (metric === 'latency' ? [{ t: T0 - 60_000, v: 380 }, { t: T0, v: 450 }] : []));
    await renderApp(fake, '#/alerts/lat%7Cwv%3A1');
    const detail = await screen.findByRole('region', { name: /^Latency 450\sms \(threshold 400\sms\)$/ });
    const d = within(detail);
    // The dashboard opened at a firing alert shows the Firing tab, once the live alerts are known.
    expect(screen.getByRole('tab', { name: 'Firing (1)' }).getAttribute('aria-selected')).toBe('true');
    expect(d.getByText("Check the agent's network or public IP 203.0.113.7")).toBeTruthy();
    const link = d.getByRole('link', { name: 'Ana agent' });
    expect(link.getAttribute('href')).toBe('#/agents/wv%3A1');
    const fact = (label: string) => d.getByText(label, { selector: 'dt' }).nextElementSibling!.textContent;
    expect(fact('Source')).toBe('Bogotá');
    expect(fact('State')).toBe('Firing');
    expect(fact('Threshold')).toBe('400\u00a0ms');
    expect(fact('Rule')).toBe('Agent latency');
    expect(d.getByRole('button', { name: 'Acknowledge' })).toBeTruthy();
    await waitFor(() => expect(d.getByRole('img', { name: /^Latency: now 450\u00a0ms, highest 450\u00a0ms/ })).toBeTruthy());
    expect(fake.callsTo('history:get')).toContainEqual({ key: 'wv:1', metric: 'latency' });
    fireEvent.click(d.getByRole('button', { name: 'Close' }));
    await waitFor(() => expect(window.location.hash).toBe('#/alerts'));
    expect(screen.queryByRole('region', { name: /^Latency/ })).toBeNull();
  });

  it("a lost feed's alert says why the source is down, in the reader's language", async () => {
    const down = alert('source.down|tp', { ruleId: 'source.down', metric: 'source.down', subject: { kind: 'source', key: 'tp' }, sourceId: undefined, severity: 'critical', value: 90, threshold: 60 });
    const tp = source('tp', { vendor: 'telphin', name: 'Moscow', status: 'down', lastError: 'Telphin server apiproxy.telphin.ru could not be reached (ECONNREFUSED)', problem: { code: 'unreachable', params: { host: 'apiproxy.telphin.ru' } } });
    const fake = new FakeBridge(snapshot({ sources: [tp], alerts: [down] }), settingsView({ ui: { language: 'es', theme: 'system' } }));
    await renderApp(fake, '#/alerts/source.down%7Ctp');
    const detail = await screen.findByRole('region', { name: /Fuente caída|caíd/ });
    const fact = (label: string) => within(detail).getByText(label, { selector: 'dt' }).nextElementSibling!.textContent;
    expect(fact('Último error')).toMatch(/apiproxy\.telphin\.ru/);
  });

  it("says a queue's advice in the dashboard's language, and shows an ended alert from the history", async () => {
    const ended = alert('wait|wv:q', { ruleId: 'queue.waiting', metric: 'queue.waiting', subject: { kind: 'queue', key: 'wv:q' }, state: 'resolved', value: 7, threshold: 5, resolvedAt: T0 + 90_000 });
    const fake = new FakeBridge(floorWithNet([]), settingsView({ ui: { language: 'es', theme: 'system' } }));
    fake.handle('alerts:history', () => [ended]);
    await renderApp(fake, '#/alerts/wait%7Cwv%3Aq');
    const detail = await screen.findByRole('region', { name: 'Llamadas en espera 7 (umbral 5)' });
    const d = within(detail);
    expect(d.getByText('Asigne más agentes a Sales o vea quién está disponible')).toBeTruthy();
    expect(d.getByRole('link', { name: 'Sales cola' }).getAttribute('href')).toBe('#/queues/wv%3Aq');
    const fact = (label: string) => d.getByText(label, { selector: 'dt' }).nextElementSibling!.textContent;
    expect(fact('Estado')).toBe('Resuelta');
    // After its label, in words: a clock would leave hours or minutes to be guessed.
    expect(fact('Duró')).toBe('1\u00a0min 30\u00a0s');
    expect(d.queryByRole('button', { name: 'Reconocer' })).toBeNull(); // nothing to act on once ended
  });

  it('copies an alert as text for a message or a ticket, in the reader’s language, and says when the browser refuses', async () => {
    const clipboard = fakeClipboard();
    const { writeText } = clipboard;
    try {
      const ended = alert('lat|wv:1', { state: 'resolved', firedAt: T0 + 30_000, resolvedAt: T0 + 150_000, acknowledged: true });
      const fake = new FakeBridge(floorWithNet([]), settingsView({ ui: { language: 'fr', theme: 'system' } }));
      fake.handle('alerts:history', () => [ended]);
      await renderApp(fake, '#/alerts/lat%7Cwv%3A1');
      const d = within(await screen.findByRole('region', { name: /^Latence 450/ }));
      const tr = createTranslator('fr');
      expect(await copiedLines(d, 'Copier', clipboard)).toEqual([
        'Critique\u202f: Latence 450\u00a0ms (seuil 400\u00a0ms) — Ana (agent)',
        'Source\u202f: Bogotá',
        'IP publique\u202f: 203.0.113.7',
        'État\u202f: Résolue',
        `Début\u202f: ${tr.dateTime(T0)}`,
        `Déclenchée\u202f: ${tr.dateTime(T0 + 30_000)}`,
        `Fin\u202f: ${tr.dateTime(T0 + 150_000)}`,
        'A duré\u202f: 2\u00a0min 30\u00a0s',
        'Acquittée',
        'Règle\u202f: Latence de l’agent',
        'Que vérifier\u202f: Vérifiez le réseau de l’agent ou l’IP publique 203.0.113.7',
      ]);
      expect(await d.findByRole('button', { name: 'Copié' })).toBeTruthy();

      // Refused by the Clipboard API, and no older way either: the reader is told what to do.
      writeText.mockRejectedValueOnce(new DOMException('Denied', 'NotAllowedError'));
      const exec = vi.fn(() => false);
      Object.defineProperty(document, 'execCommand', { value: exec, configurable: true });
      fireEvent.click(d.getByRole('button', { name: 'Copié' }));
      expect((await screen.findByText(/Le navigateur n’a pas permis la copie/)).getAttribute('role')).toBe('alert');
      expect(exec).toHaveBeenCalledWith('copy');
      expect(document.querySelector('textarea')).toBeNull(); // the hidden text area is gone
      expect(d.getByRole('button', { name: 'Copier' })).toBeTruthy();

      // A page without the Clipboard API (plain http from another machine): the browser's own copy
      // command, on a hidden text area holding the same text; the focus comes back to the button.
      Object.defineProperty(navigator, 'clipboard', { value: undefined, configurable: true });
      let selected = '';
      exec.mockImplementation(() => {
        selected = document.querySelector('textarea')?.value ?? '';
        return true;
      });
      const button = d.getByRole('button', { name: 'Copier' });
      button.focus();
      fireEvent.click(button);
      expect(await d.findByRole('button', { name: 'Copié' })).toBeTruthy();
      expect(selected).toBe(writeText.mock.calls[0]![0]);
      expect(document.querySelector('textarea')).toBeNull();
      expect(document.activeElement).toBe(button);
      expect(screen.queryByText(/Le navigateur n’a pas permis la copie/)).toBeNull();
    } finally {
      clipboard.restore();
      Reflect.deleteProperty(document, 'execCommand');
    }
  });

  it('shows the tab of an alert opened again after the reader moved to another tab and closed it', async () => {
    const fake = new FakeBridge(floorWithNet([alert('lat|wv:1')]));
    fake.handle('alerts:history', () => []);
    await renderApp(fake, '#/overview');
    const open = () => act(() => fake.emit('navigate', { view: 'alerts', alertId: 'lat|wv:1' }));
    const firing = () => screen.getByRole('tab', { name: 'Firing (1)' }).getAttribute('aria-selected');
    open();
    await screen.findByRole('region', { name: /^Latency/ });
    expect(firing()).toBe('true');
    fireEvent.click(screen.getByRole('tab', { name: 'History' }));
    expect(firing()).toBe('false'); // the reader's choice holds while the alert stays open
    fireEvent.click(screen.getByRole('button', { name: 'Close' }));
    await waitFor(() => expect(window.location.hash).toBe('#/alerts?tab=history'));
    expect(firing()).toBe('false'); // closing the details leaves the reader on their tab
    open();
    await screen.findByRole('region', { name: /^Latency/ });
    await waitFor(() => expect(firing()).toBe('true'));
  });

  it('says so when the alert opened is no longer known', async () => {
    const fake = new FakeBridge(floorWithNet([]));
    fake.handle('alerts:history', () => [alert('other', { state: 'resolved', resolvedAt: T0 })]);
    await renderApp(fake, '#/alerts/gone');
    await screen.findByText(/This alert is no longer listed/);
    expect(screen.getByRole('tab', { name: 'History' }).getAttribute('aria-selected')).toBe('true');
  });
});

describe('live region', () => {
  it('announces a new critical alert (not those firing at start) in an assertive live region', async () => {
    const fake = new FakeBridge(floor([alert('a1')]));
    await renderApp(fake, '#/overview');
    const region = screen.getByTestId('live-region');
    expect(region.getAttribute('aria-live')).toBe('assertive');
    expect(region.textContent).toBe('');
    act(() =>
      fake.emit('patch', {
        type: 'patch',
        at: T0 + 1,
        upsert: { alerts: [alert('q|wv:q', { subject: { kind: 'queue', key: 'wv:q' }, ruleId: 'queue.waiting', metric: 'queue.waiting', value: 12, threshold: 10 })] },
        remove: {},
      }),
    );
    await waitFor(() => expect(region.textContent).toBe('New critical alert. Critical: Calls waiting 12 (threshold 10) — Sales'));
  });

  const loss = (id: string, value: number) => alert(id, { ruleId: 'agent.loss', metric: 'agent.loss', value, threshold: 2.5 });
  const raise = (fake: FakeBridge, a: Alert) => act(() => fake.emit('patch', { type: 'patch', at: T0 + 1, upsert: { alerts: [a] }, remove: {} }));

  it("announces in the reader's language and number format, even an alert raised before the settings are in", async () => {
    // The host answers the settings late: the page starts in the browser's language (English here).
    let answer: (v: ReturnType<typeof settingsView>) => void = () => undefined;
    const fake = new FakeBridge(floor([]));
    fake.handle('settings:get', () => new Promise((resolve) => (answer = resolve)));
    await renderApp(fake, '#/overview');
    const region = screen.getByTestId('live-region');
    raise(fake, loss('l1', 2.8));
    await new Promise((r) => setTimeout(r, 120));
    expect(region.textContent).not.toMatch(/New critical alert/);
    act(() => answer(settingsView({ ui: { language: 'ru', theme: 'system' } })));
    await screen.findByRole('heading', { level: 2, name: 'Обзор' });
    await waitFor(() => expect(region.textContent).toBe('Новое критическое оповещение. Критично: Потери пакетов 2,8\u00a0% (порог 2,5\u00a0%) — Ana'));
  });

  it('announces in Spanish and French with their own decimal separators, and says nothing again in another language', async () => {
    const fake = new FakeBridge(floor([]), settingsView({ ui: { language: 'es', theme: 'system' } }));
    fake.handle('settings:update', ({ ui }) => (fake.settings = settingsView({ ui: { language: ui!.language!, theme: 'system' } })));
    await renderApp(fake, '#/overview');
    await screen.findByRole('heading', { level: 2, name: 'Resumen' });
    const region = screen.getByTestId('live-region');
    raise(fake, loss('l1', 2.8));
    await waitFor(() => expect(region.textContent).toBe('Nueva alerta crítica. Crítico: Pérdida de paquetes 2,8\u00a0% (umbral 2,5\u00a0%) — Ana'));
    // The language changed: what was said in Spanish is not said again (nor left there) in French.
    window.location.hash = '#/settings';
    fireEvent.change(await screen.findByTestId('language'), { target: { value: 'fr' } });
    await screen.findByRole('heading', { level: 2, name: 'Réglages' });
    expect(region.textContent).toBe('');
    raise(fake, loss('l2', 3.1));
    await waitFor(() => expect(region.textContent).toBe('Nouvelle alerte critique. Critique\u202f: Perte de paquets 3,1\u00a0% (seuil 2,5\u00a0%) — Ana'));
  });
});
