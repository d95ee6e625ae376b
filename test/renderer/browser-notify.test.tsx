import './helpers/dom';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { FakeBridge, settingsView } from './helpers/bridge';
import { snapshot } from './helpers/model';
import { renderApp } from './helpers/render';
import { App } from '../../src/renderer/app/App';
import { createClient } from '../../src/renderer/bridge/client';
import { ClientStore } from '../../src/renderer/bridge/store';
import type { HostNotification } from '../../src/shared/bridge';

/** The browser's Notification API: a permission, a request for it, and the notifications shown. */
class FakeNotification {
  static permission: NotificationPermission = 'default';
  static answer: NotificationPermission = 'granted';
  static shown: FakeNotification[] = [];
  static requestPermission = vi.fn(async () => (FakeNotification.permission = FakeNotification.answer));
  onclick: (() => void) | null = null;
  close = vi.fn();
  constructor(
    readonly title: string,
    readonly options: NotificationOptions,
  ) {
    FakeNotification.shown.push(this);
  }
}

const critical: HostNotification = {
  id: 'queue.waiting|ax:7',
  kind: 'raise',
  severity: 'critical',
  title: 'Critical: Calls waiting',
  body: '12 calls waiting ≥ 10 — Sales (Axialys Paris)',
  alertIds: ['queue.waiting|ax:7'],
  sound: true,
};

/** The dashboard as a collector serves it to a browser (stream transport). */
async function inBrowser(fake: FakeBridge, hash: string) {
  window.location.hash = hash;
  const client = createClient({ mode: 'ws', api: fake, store: new ClientStore((fn) => fn()) });
  render(<App client={client} />);
  fake.emit('snapshot', fake.snapshot);
  await screen.findByRole('heading', { level: 2 });
  return client;
}

beforeEach(() => {
  FakeNotification.permission = 'default';
  FakeNotification.answer = 'granted';
  FakeNotification.shown = [];
  FakeNotification.requestPermission.mockClear();
  localStorage.removeItem('cctm.notify');
  vi.stubGlobal('Notification', FakeNotification);
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe("the collector's notifications in a browser", () => {
  it('are shown once the reader asks for them and the browser allows them; a click opens the alert', async () => {
    const fake = new FakeBridge(snapshot(), settingsView({ host: 'collector' }));
    await inBrowser(fake, '#/settings');
    fake.emit('notification', critical);
    expect(FakeNotification.shown).toHaveLength(0); // not asked for yet
    const box = screen.getByRole('checkbox', { name: "Show the collector's notifications in this browser" }) as HTMLInputElement;
    expect(box.checked).toBe(false);
    fireEvent.click(box);
    await waitFor(() => expect(box.checked).toBe(true));
    expect(FakeNotification.requestPermission).toHaveBeenCalledTimes(1);
    fake.emit('notification', critical);
    expect(FakeNotification.shown).toHaveLength(1);
    const [n] = FakeNotification.shown;
    expect(n!.title).toBe('Critical: Calls waiting');
    expect(n!.options).toMatchObject({ body: critical.body, tag: critical.id, requireInteraction: true, silent: false });
    n!.onclick!();
    expect(window.location.hash).toBe('#/alerts/queue.waiting%7Cax%3A7');
    expect(n!.close).toHaveBeenCalled();
    // A recovery neither stays on screen nor plays a sound it was not given.
    fake.emit('notification', { ...critical, kind: 'recover', sound: false, title: 'Recovered: Calls waiting' });
    expect(FakeNotification.shown[1]!.options).toMatchObject({ requireInteraction: false, silent: true });
    // Unticked: nothing more.
    fireEvent.click(box);
    await waitFor(() => expect(box.checked).toBe(false));
    fake.emit('notification', critical);
    expect(FakeNotification.shown).toHaveLength(2);
  });

  it('says how to allow them when the browser refused, and offers nothing it cannot do', async () => {
    FakeNotification.answer = 'denied';
    const fake = new FakeBridge(snapshot(), settingsView({ host: 'collector' }));
    await inBrowser(fake, '#/settings');
    const box = screen.getByRole('checkbox', { name: "Show the collector's notifications in this browser" }) as HTMLInputElement;
    fireEvent.click(box);
    expect(await screen.findByText(/This browser blocks notifications from this page: allow them in the browser's settings/)).toBeTruthy();
    expect(box.disabled).toBe(true);
    fake.emit('notification', critical);
    expect(FakeNotification.shown).toHaveLength(0);
  });

  it("are in the dashboard's language when the collector sent that language, else in the collector's", async () => {
    localStorage.setItem('cctm.notify', 'on');
    FakeNotification.permission = 'granted';
    const fake = new FakeBridge(snapshot(), settingsView({ host: 'collector', ui: { language: 'ru', theme: 'system' } }));
    await inBrowser(fake, '#/overview');
    await waitFor(() => expect(document.documentElement.lang).toBe('ru'));
    const ru = { title: 'Критическое: Звонки в ожидании', body: '12 звонков в ожидании ≥ 10 — Sales (Axialys Paris)' };
    fake.emit('notification', { ...critical, texts: { en: { title: critical.title, body: critical.body }, ru } });
    expect(FakeNotification.shown.map((n) => [n.title, n.options.body])).toEqual([[ru.title, ru.body]]);
    // an older collector, or a language it did not send: its own words
    fake.emit('notification', { ...critical, texts: { en: { title: critical.title, body: critical.body } } });
    fake.emit('notification', critical);
    expect(FakeNotification.shown.slice(1).map((n) => n.title)).toEqual([critical.title, critical.title]);
  });

  it('are not offered by the tray app, whose notifications are the OS’s', async () => {
    localStorage.setItem('cctm.notify', 'on');
    FakeNotification.permission = 'granted';
    const fake = new FakeBridge(snapshot(), settingsView({ host: 'tray' }));
    await renderApp(fake, '#/settings');
    expect(screen.queryByRole('checkbox', { name: "Show the collector's notifications in this browser" })).toBeNull();
    fake.emit('notification', critical);
    expect(FakeNotification.shown).toHaveLength(0);
  });
});
