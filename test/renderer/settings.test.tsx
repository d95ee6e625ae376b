import './helpers/dom';
import { describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { App } from '../../src/renderer/app/App';
import { createClient } from '../../src/renderer/bridge/client';
import { ClientStore } from '../../src/renderer/bridge/store';
import { BridgeError } from '../../src/shared/bridge';
import { FakeBridge, settingsView } from './helpers/bridge';
import { agent, queue, snapshot, source } from './helpers/model';
import { renderApp } from './helpers/render';
import type { SettingsView } from '../../src/shared/bridge';
import { checkRow, groupedBox, mergeOverrides, rowsFrom } from '../../src/renderer/features/settings/thresholds-model';
import { effectiveThresholds } from '../../src/renderer/lib/rules';

/** A host that applies settings:update like the command handler does. */
function hostWith(view: SettingsView) {
  const fake = new FakeBridge(snapshot(), view);
  fake.handle('settings:update', (req) => {
    fake.settings = {
      ...fake.settings,
      alerts: { ...fake.settings.alerts, ...(req.alerts as object) } as SettingsView['alerts'],
      ui: { ...fake.settings.ui, ...(req.ui as object) } as SettingsView['ui'],
      app: { ...fake.settings.app, ...(req.app as object) } as SettingsView['app'],
    };
    return fake.settings;
  });
  return fake;
}

describe('Settings', () => {
  it('keeps what was typed and not saved when the reader goes to another view and back, and says it is not saved', async () => {
    const fake = hostWith(settingsView());
    await renderApp(fake, '#/settings');
    const form = () => screen.getByRole('form', { name: 'Thresholds' });
    fireEvent.change(screen.getByLabelText('Warning threshold: Agent latency'), { target: { value: '250' } });
    expect(within(form()).getByText('Changes not saved yet')).toBeTruthy();
    act(() => void (window.location.hash = '#/agents'));
    await screen.findByRole('heading', { level: 2, name: 'Agents' });
    act(() => void (window.location.hash = '#/settings'));
    await screen.findByRole('form', { name: 'Thresholds' });
    expect((screen.getByLabelText('Warning threshold: Agent latency') as HTMLInputElement).value).toBe('250');
    expect(within(form()).getByText('Changes not saved yet')).toBeTruthy();
    // back to the saved value by hand: nothing unsaved any more
    fireEvent.change(screen.getByLabelText('Warning threshold: Agent latency'), { target: { value: '200' } });
    expect(within(form()).queryByText('Changes not saved yet')).toBeNull();
    fireEvent.change(screen.getByLabelText('Warning threshold: Agent latency'), { target: { value: '260' } });
    fireEvent.click(within(form()).getByRole('button', { name: 'Save' }));
    expect(await within(form()).findByText('Saved.')).toBeTruthy();
    expect(within(form()).queryByText('Changes not saved yet')).toBeNull();
    expect(fake.callsTo('settings:update')).toEqual([{ alerts: { rules: [{ id: 'agent.latency', warning: 260 }] } }]);
  });

  it('in a browser, leaving the page with unsaved settings asks first; the tray app never blocks its window', async () => {
    const fake = hostWith(settingsView({ host: 'collector' }));
    window.location.hash = '#/settings';
    render(<App client={createClient({ mode: 'ws', api: fake, store: new ClientStore((fn) => fn()) })} />);
    fake.emit('snapshot', fake.snapshot);
    await screen.findByRole('form', { name: 'Quiet hours' });
    const leave = () => {
      const e = new Event('beforeunload', { cancelable: true });
      window.dispatchEvent(e);
      return e.defaultPrevented;
    };
    expect(leave()).toBe(false);
    fireEvent.click(within(screen.getByRole('form', { name: 'Quiet hours' })).getByRole('checkbox', { name: 'Silence notifications at certain times' }));
    expect(leave()).toBe(true);
    cleanup();
    await renderApp(hostWith(settingsView()), '#/settings'); // the tray app (IPC), with that draft still kept
    expect(leave()).toBe(false);
  });

  it('edits thresholds, refuses a warning above the critical one, and saves only differences as overrides', async () => {
    const fake = hostWith(settingsView({ alerts: { ...settingsView().alerts, rules: [{ id: 'agent.latency', raiseN: 3, raiseM: 4 }, { id: 'custom.latency', metric: 'agent.latency', warning: 100 }] } }));
    await renderApp(fake, '#/settings');
    const warning = screen.getByLabelText('Warning threshold: Agent latency') as HTMLInputElement;
    expect(warning.value).toBe('200');
    fireEvent.change(warning, { target: { value: '500' } });
    expect(screen.getByText('The warning threshold must not exceed the critical one.')).toBeTruthy();
    const save = within(screen.getByRole('form', { name: 'Thresholds' })).getByRole('button', { name: 'Save' }) as HTMLButtonElement;
    expect(save.disabled).toBe(true);
    fireEvent.change(warning, { target: { value: '250' } });
    fireEvent.click(screen.getByLabelText('Rule on: Agent network rejection'));
    fireEvent.click(save);
    await waitFor(() => expect(fake.callsTo('settings:update')).toHaveLength(1));
    expect(fake.callsTo('settings:update')[0]).toEqual({
      alerts: {
        rules: [
          { id: 'custom.latency', metric: 'agent.latency', warning: 100 },
          { id: 'agent.latency', raiseN: 3, raiseM: 4, warning: 250 },
          { id: 'agent.rejection', enabled: false },
        ],
      },
    });
    expect(await screen.findByText('Saved.')).toBeTruthy();
  });

  it('sets how many samples must breach before a rule raises (N of M), and refuses a window that cannot be', async () => {
    const fake = hostWith(settingsView({ alerts: { ...settingsView().alerts, rules: [{ id: 'agent.latency', raiseN: 3, raiseM: 4, clearK: 2 }] } }));
    await renderApp(fake, '#/settings');
    const n = (rule: string) => screen.getByLabelText(`Samples that must breach: ${rule}`) as HTMLInputElement;
    const m = (rule: string) => screen.getByLabelText(`Of the last samples: ${rule}`) as HTMLInputElement;
    expect([n('Agent latency').value, m('Agent latency').value]).toEqual(['3', '4']);
    expect([n('Calls waiting in a queue').value, m('Calls waiting in a queue').value]).toEqual(['', '']);
    expect(n('Calls waiting in a queue').placeholder).toBe('auto');
    // A source down is raised by how long it lasts: no window of samples.
    expect(screen.queryByLabelText(/^Samples that must breach: Source down/)).toBeNull();
    const form = within(screen.getByRole('form', { name: 'Thresholds' }));
    const save = form.getByRole('button', { name: 'Save' }) as HTMLButtonElement;
    fireEvent.change(n('Calls waiting in a queue'), { target: { value: '4' } });
    fireEvent.change(m('Calls waiting in a queue'), { target: { value: '2' } });
    expect(screen.getByText('Raise after N of M: whole numbers from 1 to 30, N no larger than M.')).toBeTruthy();
    expect(n('Calls waiting in a queue').getAttribute('aria-invalid')).toBe('true');
    expect(save.disabled).toBe(true);
    fireEvent.change(m('Calls waiting in a queue'), { target: { value: '31' } });
    expect(save.disabled).toBe(true);
    fireEvent.change(m('Calls waiting in a queue'), { target: { value: '1.5' } });
    expect(save.disabled).toBe(true);
    fireEvent.change(m('Calls waiting in a queue'), { target: { value: '6' } });
    expect(save.disabled).toBe(false);
    // Emptied: back to the default window (its other tuning, clearK, is kept).
    fireEvent.change(n('Agent latency'), { target: { value: '' } });
    fireEvent.change(m('Agent latency'), { target: { value: '' } });
    fireEvent.click(save);
    await waitFor(() => expect(fake.callsTo('settings:update')).toHaveLength(1));
    expect(fake.callsTo('settings:update')[0]).toEqual({
      alerts: { rules: [{ id: 'agent.latency', clearK: 2 }, { id: 'queue.waiting', raiseN: 4, raiseM: 6 }] },
    });
  });

  it('shows and takes decimal thresholds and the cooldown with the French comma', async () => {
    const fake = hostWith(settingsView({ ui: { language: 'fr', theme: 'system' } }));
    await renderApp(fake, '#/settings');
    const rule = 'Perte de paquets de l’agent (la pire entre émission et réception)';
    const critical = screen.getByLabelText(`Seuil Critique : ${rule}`) as HTMLInputElement;
    const warning = screen.getByLabelText(`Seuil Avertissement : ${rule}`) as HTMLInputElement;
    expect(critical.value).toBe('2,5');
    fireEvent.change(warning, { target: { value: '0,75' } });
    fireEvent.change(critical, { target: { value: 'deux' } });
    expect(screen.getByText('Les seuils doivent être des nombres ≥ 0.')).toBeTruthy();
    fireEvent.change(critical, { target: { value: '3,5' } });
    const thresholds = screen.getByRole('form', { name: 'Seuils' });
    fireEvent.click(within(thresholds).getByRole('button', { name: 'Enregistrer' }));
    await waitFor(() => expect(fake.callsTo('settings:update')).toEqual([{ alerts: { rules: [{ id: 'agent.loss', warning: 0.75, critical: 3.5 }] } }]));
    expect(await within(thresholds).findByText('Enregistré.')).toBeTruthy();
    expect(warning.value).toBe('0,75');
    const cooldown = screen.getByLabelText('Renotifier la même alerte au plus toutes les (minutes)') as HTMLInputElement;
    fireEvent.change(cooldown, { target: { value: '7,5' } });
    const notifications = cooldown.closest('form')!;
    fireEvent.click(within(notifications as HTMLElement).getByRole('button', { name: 'Enregistrer' }));
    await waitFor(() => expect(fake.callsTo('settings:update')[1]).toMatchObject({ alerts: { cooldownMin: 7.5 } }));
    expect(cooldown.value).toBe('7,5');
  });

  it('sets which raises are notified together and how long an acknowledgement lasts, and refuses values that cannot be', async () => {
    const fake = hostWith(settingsView({ alerts: { ...settingsView().alerts, ackExpiryHours: 4 } }));
    await renderApp(fake, '#/settings');
    const group = screen.getByLabelText('Notify together the alerts of one rule raised within (seconds)') as HTMLInputElement;
    const ack = screen.getByLabelText('An acknowledgement lasts (hours; empty: until the alert is resolved)') as HTMLInputElement;
    expect(group.value).toBe('10');
    expect(ack.value).toBe('4');
    const form = screen.getByRole('form', { name: 'Notifications' });
    const save = within(form).getByRole('button', { name: 'Save' }) as HTMLButtonElement;
    fireEvent.change(group, { target: { value: '-1' } });
    fireEvent.change(ack, { target: { value: '0' } });
    expect(screen.getByText('Enter a number of seconds from 0 to 3600.')).toBeTruthy();
    expect(screen.getByText('Enter a number of hours above 0, or leave the box empty.')).toBeTruthy();
    expect(group.getAttribute('aria-invalid')).toBe('true');
    expect(save.disabled).toBe(true);
    fireEvent.change(group, { target: { value: '0' } });
    fireEvent.change(ack, { target: { value: '1.5' } });
    expect(save.disabled).toBe(false);
    fireEvent.click(save);
    await waitFor(() => expect(fake.callsTo('settings:update')).toHaveLength(1));
    expect(fake.callsTo('settings:update')[0]).toEqual({ alerts: { sound: { warning: false, critical: true }, cooldownMin: 15, groupWindowSec: 0, ackExpiryHours: 1.5 } });
    expect(await within(form).findByText('Saved.')).toBeTruthy();
    expect(ack.value).toBe('1.5');
    // Empty: an acknowledgement lasts until the alert clears.
    fireEvent.change(ack, { target: { value: '' } });
    fireEvent.click(save);
    await waitFor(() => expect(fake.callsTo('settings:update')).toHaveLength(2));
    expect(fake.callsTo('settings:update')[1]).toMatchObject({ alerts: { groupWindowSec: 0, ackExpiryHours: null } });
    expect(ack.value).toBe('');
  });

  it('gives one queue thresholds of its own, coloured in the queues table, and keeps the rules it does not edit', async () => {
    const custom = { id: 'wv-latency', metric: 'agent.latency', warning: 150, scope: { sources: ['wv'] } };
    const fake = hostWith(settingsView({ alerts: { ...settingsView().alerts, rules: [{ id: 'agent.latency', warning: 250 }, custom] } }));
    fake.snapshot = snapshot({
      sources: [source('ax', { name: 'Paris', vendor: 'axialys' })],
      queues: [queue('ax', 'vip', { name: 'VIP', waiting: 3 }), queue('ax', 'std', { name: 'Standard', waiting: 3 })],
    });
    await renderApp(fake, '#/settings');
    const form = screen.getByRole('form', { name: 'Thresholds for particular queues and agents' });
    expect(within(form).getByText('None yet: every queue and agent uses the thresholds above.')).toBeTruthy();
    expect(within(form).getByText('1 other added rule, set in the configuration, is kept as it is.')).toBeTruthy();
    fireEvent.change(within(form).getByLabelText('Find a queue, agent or source'), { target: { value: 'vi' } });
    expect([...(within(form).getByLabelText('Queue, agent or source') as HTMLSelectElement).options].map((o) => o.text)).toEqual(['VIP · Paris']);
    fireEvent.click(within(form).getByRole('button', { name: 'Add' }));
    const warning = within(form).getByLabelText('Warning threshold: Calls waiting in a queue — VIP · Paris') as HTMLInputElement;
    expect(warning.value).toBe('5'); // starts from the general thresholds
    fireEvent.change(within(form).getByLabelText('Find a queue, agent or source'), { target: { value: 'vi' } });
    expect((within(form).getByRole('button', { name: 'Add' }) as HTMLButtonElement).disabled).toBe(true);
    expect(within(form).getByText('VIP · Paris already has thresholds of its own for this rule.')).toBeTruthy();
    fireEvent.change(warning, { target: { value: '2' } });
    fireEvent.change(within(form).getByLabelText('Critical threshold: Calls waiting in a queue — VIP · Paris'), { target: { value: '4' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(fake.callsTo('settings:update')).toHaveLength(1));
    expect(fake.callsTo('settings:update')[0]).toEqual({
      alerts: { rules: [{ id: 'agent.latency', warning: 250 }, custom, { id: 'queue.waiting@ax:vip', metric: 'queue.waiting', warning: 2, critical: 4, scope: { queues: ['ax:vip'] } }] },
    });
    expect(await within(form).findByText('Saved.')).toBeTruthy();
    // The queues table colours VIP's 3 waiting by its own thresholds, Standard's by the general ones.
    window.location.hash = '#/queues';
    await screen.findByRole('heading', { name: 'Queues', level: 2 });
    const waitingCell = (name: string) => screen.getByText(name).closest('tr')!.querySelectorAll('td')[1]!;
    expect(waitingCell('VIP').querySelector('.lvl')!.className).toBe('lvl lvl-warning');
    expect(waitingCell('Standard').querySelector('.lvl')!.className).toBe('lvl lvl-ok');
    // Removed again: the rule goes, the others stay.
    window.location.hash = '#/settings';
    const again = await screen.findByRole('form', { name: 'Thresholds for particular queues and agents' });
    fireEvent.click(within(again).getByRole('button', { name: 'Remove the thresholds of VIP · Paris for “Calls waiting in a queue”' }));
    fireEvent.click(within(again).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(fake.callsTo('settings:update')).toHaveLength(2));
    expect(fake.callsTo('settings:update')[1]).toEqual({ alerts: { rules: [{ id: 'agent.latency', warning: 250 }, custom] } });
  });

  it('gives every queue of a source thresholds of its own; a queue with its own keeps them', async () => {
    const vip = { id: 'queue.waiting@ax:vip', metric: 'queue.waiting', warning: 2, critical: 4, scope: { queues: ['ax:vip'] } };
    const fake = hostWith(settingsView({ alerts: { ...settingsView().alerts, rules: [vip] } }));
    fake.snapshot = snapshot({
      // A Telphin source reports no queues: no "All queues of Paris Telphin" to pick.
      sources: [source('ax', { name: 'Paris', vendor: 'axialys' }), source('tp', { name: 'Paris Telphin', vendor: 'telphin' })],
      queues: [queue('ax', 'vip', { name: 'VIP', waiting: 5 }), queue('ax', 'std', { name: 'Standard', waiting: 3 })],
    });
    await renderApp(fake, '#/settings');
    const form = screen.getByRole('form', { name: 'Thresholds for particular queues and agents' });
    fireEvent.change(within(form).getByLabelText('Find a queue, agent or source'), { target: { value: 'paris' } });
    const picker = within(form).getByLabelText('Queue, agent or source') as HTMLSelectElement;
    expect([...picker.options].map((o) => o.text)).toEqual(['All queues of Paris', 'Standard · Paris', 'VIP · Paris']);
    fireEvent.click(within(form).getByRole('button', { name: 'Add' }));
    fireEvent.change(within(form).getByLabelText('Warning threshold: Calls waiting in a queue — All queues of Paris'), { target: { value: '1' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(fake.callsTo('settings:update')).toHaveLength(1));
    expect(fake.callsTo('settings:update')[0]).toEqual({ alerts: { rules: [vip, { id: 'queue.waiting@ax', metric: 'queue.waiting', warning: 1, critical: 10, scope: { sources: ['ax'] } }] } });
    await within(form).findByText('Saved.');
    window.location.hash = '#/queues';
    await screen.findByRole('heading', { name: 'Queues', level: 2 });
    const level = (name: string) => screen.getByText(name).closest('tr')!.querySelectorAll('td')[1]!.querySelector('.lvl')!.className;
    // Standard: 3 ≥ 1, the source's warning. VIP: 5 ≥ 4, its own critical (the source's would be a warning).
    expect([level('Standard'), level('VIP')]).toEqual(['lvl lvl-warning', 'lvl lvl-critical']);
  });

  it('gives an agent its own “raise after N of M”, starting from the general rule’s, and refuses a window that cannot be', async () => {
    const general = { id: 'agent.latency', raiseN: 3, raiseM: 5 };
    const flaky = { id: 'agent.jitter@wv:2', metric: 'agent.jitter', warning: 40, critical: 90, raiseN: 4, raiseM: 6, scope: { agents: ['wv:2'] } };
    const fake = hostWith(settingsView({ alerts: { ...settingsView().alerts, rules: [general, flaky] } }));
    fake.snapshot = snapshot({ sources: [source('wv', { name: 'Bogotá' })], agents: [agent('wv', '1', { name: 'Ana' }), agent('wv', '2', { name: 'Bruno' })] });
    await renderApp(fake, '#/settings');
    const form = screen.getByRole('form', { name: 'Thresholds for particular queues and agents' });
    // A saved rule of its own with a window is one of this form's rows, not a rule set elsewhere.
    expect(within(form).queryByText(/other added rule/)).toBeNull();
    const box = (which: 'N' | 'M', subject: string, rule = 'Agent latency') =>
      within(form).getByLabelText(which === 'N' ? `Samples that must breach: ${rule} — ${subject}` : `Of the last samples: ${rule} — ${subject}`) as HTMLInputElement;
    expect([box('N', 'Bruno · Bogotá', 'Agent jitter (worse of send/receive)').value, box('M', 'Bruno · Bogotá', 'Agent jitter (worse of send/receive)').value]).toEqual(['4', '6']);
    fireEvent.change(within(form).getByLabelText('Rule'), { target: { value: 'agent.latency' } });
    fireEvent.change(within(form).getByLabelText('Find a queue, agent or source'), { target: { value: 'ana' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Add' }));
    expect([box('N', 'Ana · Bogotá').value, box('M', 'Ana · Bogotá').value]).toEqual(['3', '5']); // the general rule's
    fireEvent.change(box('N', 'Ana · Bogotá'), { target: { value: '4' } });
    fireEvent.change(box('M', 'Ana · Bogotá'), { target: { value: '2' } });
    expect(within(form).getByText('Raise after N of M: whole numbers from 1 to 30, N no larger than M.')).toBeTruthy();
    expect(box('N', 'Ana · Bogotá').getAttribute('aria-invalid')).toBe('true');
    fireEvent.click(within(form).getByRole('button', { name: 'Save' }));
    expect(fake.callsTo('settings:update')).toHaveLength(0);
    fireEvent.change(box('N', 'Ana · Bogotá'), { target: { value: '1' } });
    fireEvent.change(box('M', 'Ana · Bogotá'), { target: { value: '1' } });
    fireEvent.change(box('N', 'Bruno · Bogotá', 'Agent jitter (worse of send/receive)'), { target: { value: '' } });
    fireEvent.change(box('M', 'Bruno · Bogotá', 'Agent jitter (worse of send/receive)'), { target: { value: '' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(fake.callsTo('settings:update')).toHaveLength(1));
    const { raiseN: _n, raiseM: _m, ...flakyDefault } = flaky;
    expect(fake.callsTo('settings:update')[0]).toEqual({
      alerts: { rules: [general, flakyDefault, { id: 'agent.latency@wv:1', metric: 'agent.latency', warning: 200, critical: 400, raiseN: 1, raiseM: 1, scope: { agents: ['wv:1'] } }] },
    });
  });

  it("edits a source down's thresholds in seconds down, showing an older forSec where the alert engine reads it", async () => {
    const fake = hostWith(settingsView({ alerts: { ...settingsView().alerts, rules: [{ id: 'source.down', forSec: 120 }] } }));
    await renderApp(fake, '#/settings');
    const critical = screen.getByLabelText('Critical threshold: Source down or sign-in failed') as HTMLInputElement;
    expect(critical.value).toBe('120');
    fireEvent.change(screen.getByLabelText('Warning threshold: Source down or sign-in failed'), { target: { value: '30' } });
    fireEvent.click(within(screen.getByRole('form', { name: 'Thresholds' })).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(fake.callsTo('settings:update')).toHaveLength(1));
    expect(fake.callsTo('settings:update')[0]).toEqual({ alerts: { rules: [{ id: 'source.down', warning: 30, critical: 120 }] } });
  });

  it('sets how many good samples resolve an alert, for a rule and for a row of its own, which starts from the general rule’s', async () => {
    // A source down's clearing from the file has no box here: kept as it is, never an error.
    const fake = hostWith(settingsView({ alerts: { ...settingsView().alerts, rules: [{ id: 'queue.waiting', clearK: 4 }, { id: 'source.down', clearK: 99 }] } }));
    fake.snapshot = snapshot({ sources: [source('ax', { name: 'Paris', vendor: 'axialys' })], queues: [queue('ax', 'vip', { name: 'VIP' })] });
    await renderApp(fake, '#/settings');
    const k = (rule: string) => screen.getByLabelText(`Good samples in a row that resolve the alert: ${rule}`) as HTMLInputElement;
    expect(k('Calls waiting in a queue').value).toBe('4');
    expect(k('Agent latency').value).toBe('');
    expect(k('Agent latency').placeholder).toBe('2');
    // A source down is resolved when the source is back: no box.
    expect(screen.queryByLabelText(/^Good samples in a row that resolve the alert: Source down/)).toBeNull();
    const thresholds = within(screen.getByRole('form', { name: 'Thresholds' }));
    const save = thresholds.getByRole('button', { name: 'Save' }) as HTMLButtonElement;
    for (const bad of ['0', '31', '1.5', 'two']) {
      fireEvent.change(k('Agent latency'), { target: { value: bad } });
      expect(save.disabled).toBe(true);
    }
    expect(screen.getByText('Resolve after: a whole number of good samples from 1 to 30.')).toBeTruthy();
    expect(k('Agent latency').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByLabelText('Warning threshold: Agent latency').getAttribute('aria-invalid')).toBeNull();
    fireEvent.change(k('Agent latency'), { target: { value: '5' } });
    fireEvent.change(k('Calls waiting in a queue'), { target: { value: '' } });
    fireEvent.click(save);
    await waitFor(() => expect(fake.callsTo('settings:update')).toHaveLength(1));
    expect(fake.callsTo('settings:update')[0]).toEqual({ alerts: { rules: [{ id: 'agent.latency', clearK: 5 }, { id: 'source.down', clearK: 99 }] } });
    expect(await thresholds.findByText('Saved.')).toBeTruthy();
    // A queue of its own starts from the general rule's clearing, then keeps its own.
    fake.settings = { ...fake.settings, alerts: { ...fake.settings.alerts, rules: [{ id: 'queue.waiting', clearK: 3 }] } };
    cleanup();
    await renderApp(fake, '#/settings');
    const form = screen.getByRole('form', { name: 'Thresholds for particular queues and agents' });
    fireEvent.change(within(form).getByLabelText('Rule'), { target: { value: 'queue.waiting' } });
    fireEvent.change(within(form).getByLabelText('Find a queue, agent or source'), { target: { value: 'vip' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Add' }));
    const own = within(form).getByLabelText('Good samples in a row that resolve the alert: Calls waiting in a queue — VIP · Paris') as HTMLInputElement;
    expect(own.value).toBe('3');
    fireEvent.change(own, { target: { value: '6' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(fake.callsTo('settings:update')).toHaveLength(2));
    expect(fake.callsTo('settings:update')[1]).toEqual({
      alerts: { rules: [{ id: 'queue.waiting', clearK: 3 }, { id: 'queue.waiting@ax:vip', metric: 'queue.waiting', warning: 5, critical: 10, clearK: 6, scope: { queues: ['ax:vip'] } }] },
    });
  });

  it("the tray app's settings say what could not be read of them when it started, in the reader's language", async () => {
    const notes = ['The settings file could not be read (it is not JSON); it was moved to /home/ana/.config/cctm/settings.json.unreadable-1795000000000 and default settings are used.'];
    await renderApp(hostWith(settingsView({ host: 'tray', configNotes: notes, ui: { language: 'es', theme: 'system' } })), '#/settings');
    expect(screen.getByText(/^Al iniciarse la aplicación no se pudo leer una parte de sus ajustes/)).toBeTruthy();
    expect(screen.getByText(notes[0]!).closest('ul')!.getAttribute('lang')).toBe('en');
    cleanup();
    await renderApp(hostWith(settingsView({ host: 'tray' })), '#/settings');
    expect(screen.queryByText(/part of its settings could not be read|parts of its settings could not be read/)).toBeNull();
  });

  it("a collector's settings say what its configuration file ignores, and when nothing is kept at all", async () => {
    const notes = ['field "sources[0].baseURL" is not a setting and is ignored (did you mean "baseUrl"?)'];
    await renderApp(hostWith(settingsView({ host: 'collector', secretStorage: 'file', configNotes: notes })), '#/settings');
    expect(screen.getByText('The configuration file holds 1 field that is not a setting; it is ignored, and kept in the file:')).toBeTruthy();
    expect(screen.getByText(notes[0]!).closest('ul')!.getAttribute('lang')).toBe('en');
    expect(screen.queryByText(/runs without a configuration file/)).toBeNull();
    cleanup();
    await renderApp(hostWith(settingsView({ host: 'collector', secretStorage: 'env' })), '#/sources');
    expect(screen.getByText(/This collector runs without a configuration file: what you change here lasts until it stops/)).toBeTruthy();
  });

  it("says whose clock quiet hours follow: the host's, named when this browser is elsewhere", async () => {
    const here = Intl.DateTimeFormat().resolvedOptions().timeZone;
    const elsewhere = here === 'America/Bogota' ? 'Europe/Madrid' : 'America/Bogota';
    await renderApp(hostWith(settingsView({ host: 'collector', timeZone: elsewhere })), '#/settings');
    const form = screen.getByRole('form', { name: 'Quiet hours' });
    expect(within(form).getByText(`Times are those of the computer the alerts are evaluated on (${elsewhere}), not this browser's.`)).toBeTruthy();
    cleanup();
    await renderApp(hostWith(settingsView({ timeZone: here })), '#/settings');
    expect(within(screen.getByRole('form', { name: 'Quiet hours' })).getByText(`Times are this computer's (${here}).`)).toBeTruthy();
  });

  it('saving one section keeps what is being typed in the others', async () => {
    const fake = hostWith(settingsView());
    // The host answers with new settings objects, as it does across the bridge.
    fake.handle('settings:update', (req) => {
      fake.settings = structuredClone({ ...fake.settings, alerts: { ...fake.settings.alerts, ...(req.alerts as object) } as SettingsView['alerts'] });
      return structuredClone(fake.settings);
    });
    await renderApp(fake, '#/settings');
    const latency = screen.getByLabelText('Warning threshold: Agent latency') as HTMLInputElement;
    fireEvent.change(latency, { target: { value: '250' } });
    const cooldown = screen.getByLabelText(/Notify the same alert again at most every/) as HTMLInputElement;
    fireEvent.change(cooldown, { target: { value: '30' } });
    fireEvent.click(screen.getByLabelText('Silence notifications at certain times'));
    fireEvent.click(within(screen.getByRole('form', { name: 'Quiet hours' })).getByRole('button', { name: 'Save' }));
    await within(screen.getByRole('form', { name: 'Quiet hours' })).findByText('Saved.');
    expect(fake.callsTo('settings:update')).toHaveLength(1);
    // The host's next picture makes the dashboard read the settings again: new objects, same other sections.
    const reads = fake.callsTo('settings:get').length;
    act(() => fake.emit('snapshot', { ...fake.snapshot, at: fake.snapshot.at + 1 }));
    await waitFor(() => expect(fake.callsTo('settings:get').length).toBeGreaterThan(reads));
    await new Promise((r) => setTimeout(r, 0));
    expect((screen.getByLabelText('Warning threshold: Agent latency') as HTMLInputElement).value).toBe('250');
    expect((screen.getByLabelText(/Notify the same alert again at most every/) as HTMLInputElement).value).toBe('30');
  });

  it('sets quiet hours with localized day names and validates them', async () => {
    const fake = hostWith(settingsView());
    await renderApp(fake, '#/settings');
    fireEvent.click(screen.getByLabelText('Silence notifications at certain times'));
    const form = screen.getByRole('form', { name: 'Quiet hours' });
    for (const day of ['Mon', 'Tue', 'Wed', 'Thu', 'Fri']) fireEvent.click(within(form).getByLabelText(day));
    // Said with a ✖ (not by its colour alone), and named by what it is about.
    const days = within(form).getByRole('group', { name: 'Days' });
    expect(document.getElementById(days.getAttribute('aria-describedby')!)?.textContent).toBe('✖ Choose at least one day.');
    fireEvent.click(within(form).getByLabelText('Sat'));
    expect(days.getAttribute('aria-describedby')).toBeNull();
    fireEvent.change(within(form).getByLabelText('From'), { target: { value: '' } });
    expect(document.getElementById(within(form).getByLabelText('From').getAttribute('aria-describedby')!)?.textContent).toBe('✖ Enter times as HH:MM.');
    fireEvent.change(within(form).getByLabelText('From'), { target: { value: '22:30' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(fake.callsTo('settings:update')).toEqual([{ alerts: { quietHours: { windows: [{ days: [6], start: '22:30', end: '08:00' }], allowCritical: true } } }]));
  });

  it('switches language in the tray app through settings:update, and the UI follows', async () => {
    const fake = hostWith(settingsView({ ui: { language: null, theme: 'system' } }));
    await renderApp(fake, '#/settings');
    fireEvent.change(screen.getByTestId('language'), { target: { value: 'ru' } });
    expect(await screen.findByRole('heading', { name: 'Настройки', level: 2 })).toBeTruthy();
    expect(fake.callsTo('settings:update')).toEqual([{ ui: { language: 'ru' } }]);
    // Set by an effect, which a loaded machine may run a moment after the heading is drawn.
    await waitFor(() => expect(document.documentElement.lang).toBe('ru'));
    expect(screen.getByRole('link', { name: 'Операторы' })).toBeTruthy();
  });

  it('keeps language and theme per browser when served by a collector, even read-only', async () => {
    const fake = hostWith(settingsView({ host: 'collector', editable: false, ui: { language: 'en', theme: 'system' } }));
    await renderApp(fake, '#/settings');
    expect(screen.getByText('Language and theme are kept by this browser.')).toBeTruthy();
    fireEvent.change(screen.getByTestId('language'), { target: { value: 'es' } });
    expect(await screen.findByRole('heading', { name: 'Ajustes', level: 2 })).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Tema'), { target: { value: 'high-contrast' } });
    await waitFor(() => expect(document.documentElement.dataset.theme).toBe('high-contrast'));
    expect(fake.callsTo('settings:update')).toEqual([]);
    expect(JSON.parse(window.localStorage.getItem('cctm.prefs')!)).toEqual({ language: 'es', theme: 'high-contrast' });
    // The thresholds stay read-only, with the reason given.
    expect(screen.getAllByText(/solo lectura aquí/).length).toBeGreaterThan(0);
    expect((screen.getByLabelText('Umbral de Aviso: Latencia del agente') as HTMLInputElement).closest('fieldset')!.disabled).toBe(true);
  });

  it('uses the browser language when none is chosen', async () => {
    const spy = Object.getOwnPropertyDescriptor(Navigator.prototype, 'language');
    Object.defineProperty(window.navigator, 'language', { configurable: true, get: () => 'fr-CA' });
    await renderApp(hostWith(settingsView({ ui: { language: null, theme: 'system' } })), '#/overview');
    expect(await screen.findByRole('heading', { name: 'Vue d’ensemble', level: 2 })).toBeTruthy();
    if (spy) Object.defineProperty(window.navigator, 'language', spy);
    else delete (window.navigator as { language?: string }).language;
  });

  it('offers start at login in the tray app only', async () => {
    const fake = hostWith(settingsView());
    await renderApp(fake, '#/settings');
    fireEvent.click(screen.getByLabelText('Start at login'));
    await waitFor(() => expect(fake.callsTo('settings:update')).toEqual([{ app: { startAtLogin: true } }]));
    fireEvent.click(screen.getByLabelText('Download and install updates automatically'));
    await waitFor(() => expect(fake.callsTo('settings:update').at(-1)).toEqual({ app: { autoUpdate: false } }));
    cleanup();
    await renderApp(new FakeBridge(snapshot(), settingsView({ host: 'collector' })), '#/settings');
    await screen.findByRole('heading', { name: 'Settings', level: 2 });
    expect(screen.queryByLabelText('Start at login')).toBeNull();
    expect(screen.queryByLabelText('Port on this computer (0: off)')).toBeNull();
  });

  it("sets the tray app's webhook port and says what the receiver did with it, in the reader's language", async () => {
    const fake = hostWith(settingsView({ ui: { language: 'fr', theme: 'system' } }));
    let receiver: SettingsView['webhookReceiver'] = { port: 0, listening: false, error: null };
    fake.handle('settings:update', (req) => {
      const port = (req.app as { webhookPort: number }).webhookPort;
      fake.settings = { ...fake.settings, app: { ...fake.settings.app, webhookPort: port }, webhookReceiver: receiver };
      return fake.settings;
    });
    await renderApp(fake, '#/settings');
    // (Testing Library reads U+202F as a plain space: it collapses every blank.)
    const box = (await screen.findByLabelText('Port sur cet ordinateur (0 : désactivé)')) as HTMLInputElement;
    const save = within(box.closest('form')!).getByRole('button', { name: 'Enregistrer' });
    fireEvent.change(box, { target: { value: '70000' } });
    expect(box.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(box.getAttribute('aria-describedby')!)?.textContent).toBe('✖ Saisissez un port de 0 à 65535 (0\u202f: désactivé).');
    expect((save as HTMLButtonElement).disabled).toBe(true);
    // A port another program holds: said under the box, as an alert.
    receiver = { port: 8080, listening: false, error: 'EADDRINUSE' };
    fireEvent.change(box, { target: { value: '8080' } });
    fireEvent.click(save);
    const note = () => document.getElementById('webhook-port-note');
    await waitFor(() => expect(note()?.textContent).toBe('Le port 8080 est déjà utilisé par un autre programme\u202f: choisissez un autre port.'));
    expect([note()!.getAttribute('role'), box.getAttribute('aria-describedby')]).toEqual(['alert', 'webhook-port-note']);
    await waitFor(() => expect(box.value).toBe('8080')); // the saved port, as the host answered it
    receiver = { port: 18787, listening: true, error: null };
    fireEvent.change(box, { target: { value: ' 18787 ' } });
    fireEvent.click(save);
    await waitFor(() => expect(note()?.textContent).toBe('À l’écoute sur http://127.0.0.1:18787/hooks/'));
    expect(note()!.getAttribute('role')).toBeNull();
    expect(fake.callsTo('settings:update')).toEqual([{ app: { webhookPort: 8080 } }, { app: { webhookPort: 18787 } }]);
  });
});

describe('threshold overrides', () => {
  it("shows a source down's thresholds as the seconds down the alert engine uses, an older forSec as the critical one", () => {
    const old = [{ id: 'source.down', forSec: 120, clearK: 99 }];
    const rows = rowsFrom(old, 'en');
    expect(rows.find((r) => r.id === 'source.down')).toMatchObject({ warning: '', critical: '120' });
    expect(effectiveThresholds(old)['source.down']).toEqual({ enabled: true, warning: null, critical: 120 });
    // Saved from the form, the critical box says it (other tuning kept); back at 60 s, no threshold override is left.
    expect(mergeOverrides(old, rows, 'en')).toEqual([{ id: 'source.down', clearK: 99, critical: 120 }]);
    const warned = rows.map((r) => (r.id === 'source.down' ? { ...r, warning: '30', critical: '60' } : r));
    expect(mergeOverrides(old, warned, 'en')).toEqual([{ id: 'source.down', clearK: 99, warning: 30 }]);
    // A critical of its own wins over forSec, as in the engine.
    expect(effectiveThresholds([{ id: 'source.down', forSec: 120, critical: 90 }])['source.down'].critical).toBe(90);
  });

  it('drops overrides that match the defaults and keeps tuning of other fields', () => {
    const rows = rowsFrom([{ id: 'agent.jitter', warning: 40, clearK: 3 }], 'en');
    expect(rows.find((r) => r.id === 'agent.jitter')).toMatchObject({ warning: '40', critical: '60' });
    const back = rows.map((r) => (r.id === 'agent.jitter' ? { ...r, warning: '30' } : r));
    expect(mergeOverrides([{ id: 'agent.jitter', warning: 40, clearK: 3 }], back, 'en')).toEqual([{ id: 'agent.jitter', clearK: 3 }]);
    expect(mergeOverrides([], rowsFrom([], 'en'), 'en')).toEqual([]);
  });

  it("writes and reads decimals the language's way, and leaves the defaults alone either way", () => {
    for (const lang of ['es', 'fr', 'ru'] as const) {
      const rows = rowsFrom([], lang);
      expect(rows.find((r) => r.id === 'agent.loss')).toMatchObject({ warning: '1', critical: '2,5' });
      expect(mergeOverrides([], rows, lang)).toEqual([]);
      const typed = rows.map((r) => (r.id === 'agent.loss' ? { ...r, warning: '0,75', critical: '2.5' } : r));
      expect(mergeOverrides([], typed, lang)).toEqual([{ id: 'agent.loss', warning: 0.75 }]);
    }
    expect(rowsFrom([], 'en').find((r) => r.id === 'agent.loss')).toMatchObject({ critical: '2.5' });
    // In English a comma groups thousands: "1,500" is refused, never read as 1.5, and said to be
    // refused for its separator (to be typed 1500), not for not being a number.
    const en = rowsFrom([], 'en').map((r) => (r.id === 'agent.latency' ? { ...r, critical: '1,500' } : r));
    expect(checkRow(en.find((r) => r.id === 'agent.latency')!, 'en')).toBe('grouping');
    expect(groupedBox(en.find((r) => r.id === 'agent.latency')!, 'en')).toEqual({ typed: '1,500', plain: '1500' });
    expect(checkRow({ ...en[0]!, warning: 'abc', critical: '' }, 'en')).toBe('number');
    expect(checkRow({ ...en[0]!, warning: '1,500', critical: '2000' }, 'fr')).toBeNull(); // 1.5 in French
    expect(checkRow({ ...en[0]!, warning: '1 500', critical: '2 000' }, 'fr')).toBeNull();
  });
});

describe('moving the settings to another computer', () => {
  it('exports them as a file and imports one, saying which parts it could not take and why', async () => {
    const fake = hostWith(settingsView());
    const doc = { format: 'cctm-settings', version: 1, sources: [{ id: 'wv', vendor: 'wolkvox', server: '0031' }], alerts: {}, ui: {}, app: {} };
    fake.handle('settings:export', () => doc as never);
    fake.handle('settings:import', () => ({ settings: fake.settings, skipped: [{ id: 'wv', reason: 'the export holds no token and none is stored here: add the source in the Sources view with its credentials' }] }));
    const saved: string[] = [];
    const blobs: Blob[] = [];
    URL.createObjectURL = vi.fn((b: Blob) => (blobs.push(b), 'blob:settings'));
    URL.revokeObjectURL = vi.fn();
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      saved.push(this.download);
    });
    await renderApp(fake, '#/settings');
    fireEvent.click(screen.getByRole('button', { name: 'Export settings' }));
    expect(await screen.findByText('Settings saved as a file.')).toBeTruthy();
    expect(saved[0]).toMatch(/^cc-tray-monitor-settings-\d{4}-\d{2}-\d{2}\.json$/);
    expect(JSON.parse(await blobs[0]!.text())).toEqual(doc);
    // Import: the file's JSON goes to the host; what it could not take is listed with the reason.
    const input = screen.getByTestId('import-file') as HTMLInputElement;
    fireEvent.change(input, { target: { files: [new File([JSON.stringify(doc)], 'settings.json', { type: 'application/json' })] } });
    expect(await screen.findByText('Settings imported; 1 part could not be:')).toBeTruthy();
    expect(fake.callsTo('settings:import')).toEqual([{ data: doc }]);
    expect(screen.getByText(/the export holds no token/).closest('li')!.textContent).toBe('wv: the export holds no token and none is stored here: add the source in the Sources view with its credentials');
    // A file that is not JSON: said so, nothing sent.
    fireEvent.change(input, { target: { files: [new File(['not json'], 'notes.txt')] } });
    expect((await screen.findByText('This file is not a settings export (not JSON).')).getAttribute('role')).toBe('alert');
    expect(fake.callsTo('settings:import')).toHaveLength(1);
    click.mockRestore();
  });

  it('asks before storing the credentials of an imported file without a keyring, and imports once told to', async () => {
    const fake = hostWith(settingsView());
    const doc = { format: 'cctm-settings', version: 1, sources: [{ id: 'wv', vendor: 'wolkvox', server: '0031', token: 'typed-in-the-file' }] };
    fake.handle('settings:import', (req) => {
      if (!(req as { allowPlaintextSecrets?: boolean }).allowPlaintextSecrets) throw new BridgeError('needs_confirmation', 'No OS keyring is available… Import anyway?');
      return { settings: fake.settings, skipped: [] };
    });
    await renderApp(fake, '#/settings');
    fireEvent.change(screen.getByTestId('import-file'), { target: { files: [new File([JSON.stringify(doc)], 'settings.json', { type: 'application/json' })] } });
    expect(await screen.findByText(/This computer has no keyring: the credentials in this file would be stored without OS encryption/)).toBeTruthy();
    expect(screen.queryByText('Settings imported.')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Import and store them anyway' }));
    expect(await screen.findByText('Settings imported.')).toBeTruthy();
    expect(fake.callsTo('settings:import')).toEqual([{ data: doc }, { data: doc, allowPlaintextSecrets: true }]);
  });

  it('exports but does not import where settings are read-only', async () => {
    await renderApp(new FakeBridge(snapshot(), settingsView({ editable: false })), '#/settings');
    expect((screen.getByRole('button', { name: 'Export settings' }) as HTMLButtonElement).disabled).toBe(false);
    expect((screen.getByRole('button', { name: 'Import settings…' }) as HTMLButtonElement).disabled).toBe(true);
  });
});

describe('Settings: what a refused number says', () => {
  it('gives the range of the minutes between notifications of one alert, in each language, right under its box with a mark', async () => {
    for (const [language, label, error] of [
      ['en', /Notify the same alert again at most every/, 'Enter a number of minutes, 0 or more.'],
      ['fr', /Renotifier la même alerte au plus toutes les/, 'Saisissez un nombre de minutes, 0 ou plus.'],
    ] as const) {
      const { unmount } = await renderApp(hostWith(settingsView({ ui: { language, theme: 'system' } })), '#/settings');
      const cooldown = screen.getByLabelText(label) as HTMLInputElement;
      fireEvent.change(cooldown, { target: { value: '-3' } });
      const shown = screen.getByText(error);
      expect(cooldown.getAttribute('aria-describedby')).toBe(shown.id);
      // As a source form's: a ✖ before it, and right after its box's label, in the same group.
      expect(shown.querySelector('.glyph')!.textContent).toBe('✖');
      expect(shown.previousElementSibling).toBe(cooldown.closest('label'));
      expect(shown.parentElement!.className).toBe('form-box');
      unmount();
    }
  });

  it('says to type a number without the thousands separator English forms refuse', async () => {
    await renderApp(hostWith(settingsView()), '#/settings');
    fireEvent.change(screen.getByLabelText(/Notify the same alert again at most every/), { target: { value: '1,500' } });
    expect(screen.getByText('Write 1500 without a thousands separator: 1,500 is not accepted.')).toBeTruthy();
    const critical = screen.getByLabelText('Critical threshold: Agent latency') as HTMLInputElement;
    fireEvent.change(critical, { target: { value: '1,500' } });
    const thresholds = within(screen.getByRole('form', { name: 'Thresholds' }));
    expect(thresholds.getByText('Write 1500 without a thousands separator: 1,500 is not accepted.')).toBeTruthy();
    expect(thresholds.queryByText('Thresholds must be numbers ≥ 0.')).toBeNull();
    expect(critical.getAttribute('aria-invalid')).toBe('true');
    // What is no number at all is still said to be none.
    fireEvent.change(critical, { target: { value: 'abc' } });
    expect(thresholds.getByText('Thresholds must be numbers ≥ 0.')).toBeTruthy();
  });
});
