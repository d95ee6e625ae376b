/**
 * Settings changed elsewhere — in another dashboard, from the tray menu, by an import — reach an open
 * dashboard through the host's `settings` events: shown at once where nothing is being typed, kept
 * and said where something is.
 */
import './helpers/dom';
import { describe, expect, it } from 'vitest';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { FakeBridge, settingsView } from './helpers/bridge';
import { snapshot } from './helpers/model';
import { renderApp } from './helpers/render';
import { rejections } from '../../src/renderer/bridge/validate';
import { unsavedSettings } from '../../src/renderer/features/settings/draft';
import { relanguaged } from '../../src/renderer/lib/decimal';
import type { SettingsView } from '../../src/shared/bridge';

/** A host that numbers its views as the command handler does, and answers settings:update like it. */
function host() {
  const fake = new FakeBridge(snapshot(), settingsView({ revision: 1 }));
  const change = (next: Partial<Pick<SettingsView, 'alerts' | 'ui' | 'app'>>): SettingsView => {
    fake.settings = structuredClone({ ...fake.settings, ...next, revision: (fake.settings.revision ?? 1) + 1 });
    return structuredClone(fake.settings);
  };
  fake.handle('settings:update', (req) => {
    const view = change({ alerts: { ...fake.settings.alerts, ...(req.alerts as object) } as SettingsView['alerts'], ui: { ...fake.settings.ui, ...(req.ui as object) } });
    // As over the collector's socket: every dashboard is told, this one before its answer arrives.
    fake.emit('settings', structuredClone(view));
    return view;
  });
  /** Another dashboard (or the tray menu) changes the settings. */
  const elsewhere = (alerts: Partial<SettingsView['alerts']>) => act(() => fake.emit('settings', change({ alerts: { ...fake.settings.alerts, ...alerts } })));
  return { fake, elsewhere };
}

const quiet = () => screen.getByRole('form', { name: 'Quiet hours' });
const fromBox = () => within(quiet()).getByLabelText('From') as HTMLInputElement;
const THEIRS = { windows: [{ days: [6], start: '21:00', end: '07:00' }], allowCritical: true };

/** Saves the host answers only when the test says so: the answer then holds what was sent. */
function heldSaves(fake: FakeBridge): () => void {
  let answer: () => void = () => undefined;
  fake.handle('settings:update', (req) => {
    const view = structuredClone({ ...fake.settings, alerts: { ...fake.settings.alerts, ...(req.alerts as object) } as SettingsView['alerts'], revision: 2 });
    return new Promise<SettingsView>((resolve) => (answer = () => ((fake.settings = view), resolve(structuredClone(view)))));
  });
  return () => answer();
}

/** Settings open, quiet hours typed (on, from 22:30) and saved; the save fails when the returned function is called. */
async function quietHoursSaveThatWillFail(fake: FakeBridge): Promise<() => void> {
  let fail: () => void = () => undefined;
  fake.handle('settings:update', () => new Promise<SettingsView>((_resolve, reject) => (fail = () => reject(new Error('the disk is full')))));
  await renderApp(fake, '#/settings');
  await screen.findByRole('form', { name: 'Quiet hours' });
  fireEvent.click(screen.getByLabelText('Silence notifications at certain times'));
  fireEvent.change(fromBox(), { target: { value: '22:30' } });
  fireEvent.click(within(quiet()).getByRole('button', { name: 'Save' }));
  return () => fail();
}

/** Settings open, quiet hours being typed here (on, from 22:30), and other quiet hours saved elsewhere. */
async function typedOver() {
  const { fake, elsewhere } = host();
  await renderApp(fake, '#/settings');
  await screen.findByRole('form', { name: 'Quiet hours' });
  fireEvent.click(screen.getByLabelText('Silence notifications at certain times'));
  fireEvent.change(fromBox(), { target: { value: '22:30' } });
  elsewhere({ quietHours: THEIRS });
  return { fake, elsewhere };
}

describe('settings changed elsewhere', () => {
  it('shows a pause made from the tray menu or another dashboard at once, and not an older view that arrives late', async () => {
    const { fake, elsewhere } = host();
    await renderApp(fake, '#/overview');
    expect(await screen.findByRole('button', { name: /^Pause notifications/ })).toBeTruthy();
    elsewhere({ notificationsPaused: true });
    expect(await screen.findByRole('button', { name: /Notifications paused — resume/ })).toBeTruthy();
    // A view older than the one shown (revision 1 < 2) crossed the newer one: not taken.
    act(() => fake.emit('settings', settingsView({ revision: 1 })));
    await new Promise((r) => setTimeout(r, 0));
    expect(screen.getByRole('button', { name: /Notifications paused — resume/ })).toBeTruthy();
    // A restarted host counts from 1 again: its views are taken, being another process's.
    act(() => fake.emit('settings', settingsView({ revision: 1, epoch: 'restarted', alerts: { ...fake.settings.alerts, notificationsPaused: false } })));
    expect(await screen.findByRole('button', { name: /^Pause notifications/ })).toBeTruthy();
    act(() => fake.emit('settings', settingsView({ revision: 2, epoch: 'restarted', alerts: { ...fake.settings.alerts, notificationsPaused: true } })));
    expect(await screen.findByRole('button', { name: /Notifications paused — resume/ })).toBeTruthy();
    // What is not a settings view is refused and counted; the view shown stays.
    const before = rejections.count;
    act(() => fake.emit('settings', { alerts: 'paused', revision: 9 } as never));
    expect(rejections.count).toBe(before + 1);
    expect(screen.getByRole('button', { name: /Notifications paused — resume/ })).toBeTruthy();
  });

  it('shows the new values in a section with nothing typed', async () => {
    const { fake, elsewhere } = host();
    await renderApp(fake, '#/settings');
    await screen.findByRole('form', { name: 'Quiet hours' });
    elsewhere({ quietHours: THEIRS });
    await waitFor(() => expect(fromBox().value).toBe('21:00'));
    expect(within(quiet()).queryByText(/Changed elsewhere/)).toBeNull();
    expect(within(quiet()).queryByText('Changes not saved yet')).toBeNull();
  });

  it('keeps what is being typed over a change made elsewhere, says so, and shows the saved values when asked', async () => {
    const { fake, elsewhere } = await typedOver();
    expect(await within(quiet()).findByText('Changed elsewhere while you were editing: saving replaces that change with yours')).toBeTruthy();
    expect(fromBox().value).toBe('22:30');
    expect(within(quiet()).queryByText('Changes not saved yet')).toBeNull();
    // A change to another section is not one to this section.
    elsewhere({ cooldownMin: 45 });
    expect(fromBox().value).toBe('22:30');
    fireEvent.click(within(quiet()).getByRole('button', { name: 'Show the saved values' }));
    await waitFor(() => expect(fromBox().value).toBe('21:00'));
    // The button went with its work: the focus is on Save, not lost to the page.
    await waitFor(() => expect(document.activeElement).toBe(within(quiet()).getByRole('button', { name: 'Save' })));
    expect(within(quiet()).queryByText(/Changed elsewhere/)).toBeNull();
    expect(within(quiet()).queryByRole('button', { name: 'Show the saved values' })).toBeNull();
    expect(fake.callsTo('settings:update')).toEqual([]);
  });

  it('saving over a change made elsewhere is the reader’s choice: their values are saved and the notice goes', async () => {
    const { fake } = await typedOver();
    await within(quiet()).findByText(/Changed elsewhere/);
    fireEvent.click(within(quiet()).getByRole('button', { name: 'Save' }));
    expect(await within(quiet()).findByText('Saved.')).toBeTruthy();
    expect(fake.callsTo('settings:update')).toEqual([{ alerts: { quietHours: { windows: [{ days: [1, 2, 3, 4, 5], start: '22:30', end: '08:00' }], allowCritical: true } } }]);
    expect(fromBox().value).toBe('22:30');
    expect(within(quiet()).queryByText(/Changed elsewhere/)).toBeNull();
  });

  it('takes the answer of its own save as saved, even when the host wrote the values its own way', async () => {
    const { fake } = host();
    // This host lets no critical alert through quiet hours, and its event and answer say so.
    fake.handle('settings:update', (req) => {
      const q = (req.alerts as { quietHours: NonNullable<SettingsView['alerts']['quietHours']> }).quietHours;
      fake.settings = { ...fake.settings, alerts: { ...fake.settings.alerts, quietHours: { ...q, allowCritical: false } }, revision: 2 };
      fake.emit('settings', structuredClone(fake.settings));
      return structuredClone(fake.settings);
    });
    await renderApp(fake, '#/settings');
    await screen.findByRole('form', { name: 'Quiet hours' });
    fireEvent.click(screen.getByLabelText('Silence notifications at certain times'));
    fireEvent.click(within(quiet()).getByRole('button', { name: 'Save' }));
    expect(await within(quiet()).findByText('Saved.')).toBeTruthy();
    expect(within(quiet()).queryByText(/Changed elsewhere/)).toBeNull();
    expect(within(quiet()).queryByText('Changes not saved yet')).toBeNull();
    // The answer's values are the ones shown (critical alerts no longer allowed, as the host answered).
    expect((within(quiet()).getByLabelText(/critical/i) as HTMLInputElement).checked).toBe(false);
  });

  it('says so on coming back to Settings when the values typed there were changed elsewhere meanwhile', async () => {
    const { fake, elsewhere } = host();
    await renderApp(fake, '#/settings');
    await screen.findByRole('form', { name: 'Quiet hours' });
    fireEvent.click(screen.getByLabelText('Silence notifications at certain times'));
    fireEvent.change(fromBox(), { target: { value: '22:30' } });
    act(() => void (window.location.hash = '#/agents'));
    await screen.findByRole('heading', { level: 2, name: 'Agents' });
    elsewhere({ quietHours: THEIRS });
    act(() => void (window.location.hash = '#/settings'));
    await screen.findByRole('form', { name: 'Quiet hours' });
    expect(fromBox().value).toBe('22:30');
    expect(within(quiet()).getByText(/Changed elsewhere/)).toBeTruthy();
  });

  it('a save left before its answer leaves no draft behind: a later change made elsewhere shows as it is', async () => {
    const { fake, elsewhere } = host();
    const answer = heldSaves(fake);
    await renderApp(fake, '#/settings');
    await screen.findByRole('form', { name: 'Quiet hours' });
    fireEvent.click(screen.getByLabelText('Silence notifications at certain times'));
    fireEvent.change(fromBox(), { target: { value: '22:30' } });
    fireEvent.click(within(quiet()).getByRole('button', { name: 'Save' }));
    act(() => void (window.location.hash = '#/agents'));
    await screen.findByRole('heading', { level: 2, name: 'Agents' });
    await act(async () => answer());
    elsewhere({ quietHours: THEIRS });
    act(() => void (window.location.hash = '#/settings'));
    await screen.findByRole('form', { name: 'Quiet hours' });
    expect(fromBox().value).toBe('21:00');
    expect(within(quiet()).queryByText(/Changed elsewhere/)).toBeNull();
    expect(within(quiet()).queryByText('Changes not saved yet')).toBeNull();
  });

  it('a save that fails gives back what was typed, even when a change made elsewhere arrived meanwhile', async () => {
    const { fake, elsewhere } = host();
    const fail = await quietHoursSaveThatWillFail(fake);
    elsewhere({ quietHours: THEIRS });
    await act(async () => fail());
    expect(await within(quiet()).findByText(/the disk is full/)).toBeTruthy();
    expect(fromBox().value).toBe('22:30');
    expect(within(quiet()).getByRole('button', { name: 'Show the saved values' })).toBeTruthy();
  });

  it('a save the host writes its own way ("15.0" kept as 15) leaves the section saved, not unsaved', async () => {
    const { fake } = host();
    await renderApp(fake, '#/settings');
    const cooldown = screen.getByLabelText(/Notify the same alert again at most every/) as HTMLInputElement;
    const notifications = cooldown.closest('form')!;
    fireEvent.change(cooldown, { target: { value: '15.0' } });
    expect(within(notifications).getByText('Changes not saved yet')).toBeTruthy();
    fireEvent.click(within(notifications).getByRole('button', { name: 'Save' }));
    expect(await within(notifications).findByText('Saved.')).toBeTruthy();
    expect(cooldown.value).toBe('15');
    expect(within(notifications).queryByText('Changes not saved yet')).toBeNull();
  });

  it('keeps a draft through a change of language, its numbers written the new way', async () => {
    const { fake } = host();
    await renderApp(fake, '#/settings');
    fireEvent.change(screen.getByLabelText('Warning threshold: Agent latency'), { target: { value: '250.5' } });
    fireEvent.change(screen.getByTestId('language'), { target: { value: 'fr' } });
    const latency = (await screen.findByLabelText(/^Seuil Avertissement\s:\sLatence de l’agent$/)) as HTMLInputElement;
    expect(latency.value).toBe('250,5');
    const thresholds = latency.closest('form')!;
    expect(within(thresholds).getByText('Modifications non enregistrées')).toBeTruthy();
    expect(within(thresholds).queryByText(/Modifié ailleurs/)).toBeNull();
  });

  it('a save that fails keeps what was typed while it ran', async () => {
    const { fake } = host();
    const fail = await quietHoursSaveThatWillFail(fake);
    fireEvent.change(fromBox(), { target: { value: '23:45' } });
    await act(async () => fail());
    expect(await within(quiet()).findByText(/the disk is full/)).toBeTruthy();
    expect(fromBox().value).toBe('23:45');
  });

  it('a section left and come back to while its save runs takes the answer as its own, and stays unsaved until then', async () => {
    const { fake } = host();
    const answer = heldSaves(fake);
    await renderApp(fake, '#/settings');
    const cooldown = () => screen.getByLabelText(/Notify the same alert again at most every/) as HTMLInputElement;
    fireEvent.change(cooldown(), { target: { value: '20.0' } });
    fireEvent.click(within(cooldown().closest('form')!).getByRole('button', { name: 'Save' }));
    act(() => void (window.location.hash = '#/agents'));
    await screen.findByRole('heading', { level: 2, name: 'Agents' });
    act(() => void (window.location.hash = '#/settings'));
    await screen.findByRole('form', { name: 'Quiet hours' });
    expect(cooldown().value).toBe('20.0');
    expect(unsavedSettings()).toBe(true);
    await act(async () => answer());
    await waitFor(() => expect(cooldown().value).toBe('20'));
    const notifications = cooldown().closest('form')!;
    expect(within(notifications).queryByText(/Changed elsewhere/)).toBeNull();
    expect(within(notifications).queryByText('Changes not saved yet')).toBeNull();
    expect(unsavedSettings()).toBe(false);
  });
});

describe('a draft through a change of language', () => {
  it('swaps the decimal separator of the numbers it holds, keeping the digits typed, and leaves everything else as typed', () => {
    const draft = { rows: [{ id: 'agent.latency', warning: '0.10', critical: '250', key: 'ax:1', at: '22:30', ip: '1.2.3.4' }], list: '1, 2', grouped: '1 000,5' };
    expect(relanguaged(draft, 'en', 'fr')).toEqual({ rows: [{ id: 'agent.latency', warning: '0,10', critical: '250', key: 'ax:1', at: '22:30', ip: '1.2.3.4' }], list: '1, 2', grouped: '1 000,5' });
    expect(relanguaged({ a: '1 000,5', b: '2,5', c: '.5' }, 'fr', 'en')).toEqual({ a: '1000.5', b: '2.5', c: '.5' });
    // Thousands with commas, which an English form refuses ("write 1000"): written as meant, not
    // left for a Russian or Spanish form to read as 1.
    expect(relanguaged({ a: '1,000', b: '12,500.25', c: '1,00', d: '1,000' }, 'en', 'ru')).toEqual({ a: '1000', b: '12500,25', c: '1,00', d: '1000' });
    expect(relanguaged('1,000', 'en', 'es')).toBe('1000');
    // "0,500" is no thousand: left as typed, the French form reads the 0.5 it looks like.
    expect(relanguaged({ loss: '0,500', other: '-0,250' }, 'en', 'fr')).toEqual({ loss: '0,500', other: '-0,250' });
    expect(relanguaged('1,000', 'es', 'en')).toBe('1.000');
    expect(relanguaged('2,5', 'es', 'fr')).toBe('2,5');
  });
});
