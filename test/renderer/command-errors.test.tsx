import './helpers/dom';
import { describe, expect, it } from 'vitest';
import { fireEvent, screen } from '@testing-library/react';
import { FakeBridge, fakeClient, settingsView } from './helpers/bridge';
import { agent, alert, snapshot, source } from './helpers/model';
import { renderApp } from './helpers/render';
import { CommandError, toCommandError } from '../../src/renderer/bridge/errors';
import { errorText } from '../../src/renderer/i18n/error-text';
import { createTranslator } from '../../src/renderer/i18n/translate';

/** What the tray app's preload rejects with: contextBridge hands the page a plain object, not an Error. */
const preloadRejection = (code: string, message: string) => ({ name: 'BridgeError', code, message });

describe('command errors', () => {
  it('reads any rejection as a code and a message', () => {
    expect(toCommandError(preloadRejection('not_editable', 'read-only'))).toMatchObject({ code: 'not_editable', message: 'read-only' });
    const err = toCommandError(new Error('boom'));
    expect(err).toBeInstanceOf(CommandError);
    expect([err.code, err.message]).toEqual(['failed', 'boom']);
    const own = new CommandError('timeout', 'late');
    expect(toCommandError(own)).toBe(own);
    expect(toCommandError('plain words').message).toBe('plain words');
    expect(toCommandError({ code: 7 }).message).toBe('[object Object]');
    expect(toCommandError(null)).toMatchObject({ code: 'failed', message: 'null' });
  });

  it("says what the dashboard knows about a failure in the reader's language, and keeps the host's words otherwise", () => {
    const { t } = createTranslator('es');
    expect(errorText(preloadRejection('timeout', 'The collector did not answer in time.'), t)).toBe('El colector no respondió a tiempo. Compruebe que está en marcha y vuelva a intentarlo.');
    expect(errorText(new CommandError('not_editable', 'Settings are read-only here'), t)).toBe(t('settings.readOnly'));
    expect(errorText(preloadRejection('unknown_channel', 'unknown channel alerts:ack-many'), t)).toMatch(/^El colector tiene una versión anterior/);
    expect(errorText(preloadRejection('disconnected', 'lost'), createTranslator('ru').t)).toMatch(/^Связь со сборщиком прервалась/);
    // The host's words name what was refused: kept as they are.
    expect(errorText(preloadRejection('invalid_request', 'alerts.rules.0.warning: Expected number'), t)).toBe('alerts.rules.0.warning: Expected number');
    // A code that is a property of every object is not one of ours.
    expect(errorText(preloadRejection('toString', 'the host said so'), t)).toBe('the host said so');
  });

  it("words the refusals the host marks with a reason in the reader's language, and drops reasons it does not know", () => {
    const fr = createTranslator('fr').t;
    const taken = { ...preloadRejection('invalid_request', 'id: a source named "bog" already exists'), reason: 'duplicate_id', field: 'id' };
    expect(toCommandError(taken)).toMatchObject({ code: 'invalid_request', reason: 'duplicate_id', field: 'id' });
    expect(errorText(taken, fr)).toBe('Une autre source a déjà cet id\u202f: choisissez-en un autre.');
    expect(errorText({ ...preloadRejection('failed', 'Demo sources are not available here.'), reason: 'demo_unavailable' }, createTranslator('ru').t)).toBe(
      'Демонстрационные источники здесь недоступны.',
    );
    // A newer host's reason this dashboard has no words for: the host's message, and no field.
    const unknown = toCommandError({ ...preloadRejection('invalid_request', 'token: something new'), reason: 'from_the_future', field: 'token' });
    expect([unknown.reason, unknown.field, errorText(unknown, fr)]).toEqual([null, null, 'token: something new']);
    expect(toCommandError({ ...preloadRejection('invalid_request', 'x'), reason: 'toString' }).reason).toBeNull();
  });

  it('turns what the transport rejects with into a CommandError, for every command', async () => {
    const fake = new FakeBridge(snapshot());
    fake.handle('alerts:ack', () => {
      throw preloadRejection('invalid_request', 'id: too long');
    });
    const rejection = await fakeClient(fake)
      .invoke('alerts:ack', { id: 'x' })
      .catch((e: unknown) => e);
    expect(rejection).toBeInstanceOf(CommandError);
    expect(rejection).toMatchObject({ code: 'invalid_request', message: 'id: too long' });
  });

  it('shows a failed command in the tray app in words, never as [object Object]', async () => {
    const fake = new FakeBridge(
      snapshot({ sources: [source('wv')], agents: [agent('wv', '1', { name: 'Ana' })], alerts: [alert('a1')] }),
      settingsView({ ui: { language: 'fr', theme: 'system' } }),
    );
    fake.handle('alerts:ack', () => {
      throw preloadRejection('timeout', 'The collector did not answer in time.');
    });
    await renderApp(fake, '#/alerts');
    fireEvent.click(screen.getByRole('button', { name: 'Acquitter' }));
    const shown = await screen.findByText('Le collecteur n’a pas répondu à temps. Vérifiez qu’il fonctionne, puis réessayez.');
    expect(shown.getAttribute('role')).toBe('alert');
    expect(document.body.textContent).not.toContain('[object Object]');
  });
});
