import './helpers/dom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, screen } from '@testing-library/react';
import { AlertSettingsSchema } from '../../src/shared/settings';
import { FakeBridge, settingsView } from './helpers/bridge';
import { snapshot, source } from './helpers/model';
import { renderApp } from './helpers/render';

const FRIDAY_2330_UTC = Date.UTC(2026, 10, 20, 23, 30);
const nights = { windows: [{ days: [1, 2, 3, 4, 5], start: '22:00', end: '07:00' }], allowCritical: true };

function host(timeZone: string, over: { paused?: boolean; allowCritical?: boolean; language?: 'en' | 'es' | 'fr' | 'ru' } = {}) {
  const alerts = AlertSettingsSchema.parse({ quietHours: { ...nights, allowCritical: over.allowCritical ?? true }, notificationsPaused: over.paused ?? false });
  const fake = new FakeBridge(snapshot({ sources: [source('wv')] }));
  fake.settings = settingsView({ alerts, timeZone, ui: { language: over.language ?? 'en', theme: 'system' } });
  return fake;
}

describe('quiet hours in the header', () => {
  afterEach(() => {
    cleanup();
    vi.useRealTimers();
  });

  it('shows while they are in force in the host\'s time zone, until when, and what still notifies', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: FRIDAY_2330_UTC });
    await renderApp(host('UTC')); // "(UTC)" follows where this test runs in another zone
    const chip = await screen.findByRole('link', { name: /Quiet hours until 07:00/ });
    expect(chip.getAttribute('href')).toBe('#/settings');
    expect(chip.getAttribute('title')).toBe('Only critical alerts notify during quiet hours (time zone UTC).');
  });

  it('says so in the reader\'s language, and when nothing gets through', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: FRIDAY_2330_UTC });
    await renderApp(host('Europe/Moscow', { allowCritical: false, language: 'fr' })); // Saturday 02:30 there
    // read in another zone than the host's: the time says whose it is
    const chip = await screen.findByRole('link', { name: 'Heures calmes jusqu’à 07:00 (Moscow)' });
    expect(chip.getAttribute('title')).toBe('Les notifications sont silencieuses pendant les heures calmes (fuseau horaire Europe/Moscow).');
  });

  it('is absent outside the windows of the host\'s zone, and while notifications are paused', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: FRIDAY_2330_UTC });
    await renderApp(host('America/Bogota')); // Friday 18:30 there
    expect(screen.queryByRole('link', { name: /Quiet hours/ })).toBeNull();
    cleanup();
    await renderApp(host('UTC', { paused: true }));
    expect(screen.getByRole('button', { name: 'Notifications paused — resume' })).toBeTruthy();
    expect(screen.queryByRole('link', { name: /Quiet hours/ })).toBeNull();
  });
});
