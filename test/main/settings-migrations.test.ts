import { describe, expect, it } from 'vitest';
import { migrate, migrateRaw, MIGRATIONS, SettingsMigrationError } from '../../src/core/settings/migrations';
import { validateSettings } from '../../src/core/settings/validate';
import { SETTINGS_VERSION } from '../../src/shared/settings';

const v0 = {
  startAtLogin: true,
  hideOnClose: false,
  language: 'es',
  theme: 'dark',
  notifications: { paused: true, sound: true },
  sources: [{ id: 31, vendor: 'wolkvox', server: '0031', token: 'env:WV_TOKEN', pollSec: 120 }],
};

describe('settings migrations', () => {
  it('has one migration per version step up to SETTINGS_VERSION', () => {
    expect(MIGRATIONS.map((m) => [m.from, m.to])).toEqual(Array.from({ length: SETTINGS_VERSION }, (_, i) => [i, i + 1]));
  });

  it('migrates an unversioned v0 document to v1', () => {
    const s = migrate(v0);
    expect(s.version).toBe(1);
    expect(s.app).toMatchObject({ startAtLogin: true, hideOnClose: false, autoUpdate: true, webhookPort: 0 });
    expect(s.ui).toEqual({ language: 'es', theme: 'dark' });
    expect(s.alerts.notificationsPaused).toBe(true);
    expect(s.alerts.sound).toEqual({ warning: true, critical: true });
    expect(s.sources[0]).toMatchObject({ id: '31', vendor: 'wolkvox', poll: { latencySec: 120, agentsSec: 120, skillsSec: 120 } });
    expect(s.sources[0]).not.toHaveProperty('pollSec');
    expect(s).not.toHaveProperty('notifications');
    expect(s).not.toHaveProperty('startAtLogin');
  });

  it('leaves a current document as it is and gives defaults for an empty store', () => {
    const current = migrate({ version: 1, app: { startAtLogin: true } });
    expect(migrate(current)).toEqual(current);
    expect(migrate(undefined)).toEqual(migrate({}));
    expect(migrate(undefined).alerts.cooldownMin).toBe(15);
  });

  it('refuses documents from a newer version and non-objects with a message saying what to do', () => {
    expect(() => migrate({ version: 99 })).toThrow(SettingsMigrationError);
    expect(() => migrate({ version: 99 })).toThrow(/newer version .*update the app/);
    expect(() => migrateRaw('garbage')).toThrow(/not a JSON object/);
  });

  it('names the source and the field of an invalid value', () => {
    expect(() => migrate({ version: 1, sources: [{ id: 'wv', vendor: 'wolkvox', server: '0031', token: '' }] })).toThrow(/sources\[0\] \(id "wv"\)\.token/);
  });

  it('tolerant validation keeps valid sources and sections, reports the rest', () => {
    const { settings, problems } = validateSettings({
      version: 1,
      sources: [
        { id: 'ok', vendor: 'wolkvox', server: '0031', token: 't' },
        { id: 'bad', vendor: 'avaya', accountId: 'x' },
        { id: 'ok', vendor: 'wolkvox', server: '0032', token: 't' },
      ],
      ui: { theme: 'neon' },
      app: { startAtLogin: true },
    });
    expect(settings.sources.map((s) => s.id)).toEqual(['ok']);
    expect(settings.ui.theme).toBe('system');
    expect(settings.app.startAtLogin).toBe(true);
    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatch(/sources\[1\] \(id "bad"\).*left out/);
    expect(problems[1]).toMatch(/duplicate id/);
    expect(problems[2]).toMatch(/^ui\.theme: .*reset to defaults/);
  });

  it('keeps a source whose only fault is a field it can do without: a zone this system does not know, a name too long', () => {
    const { settings, problems } = validateSettings({
      version: 1,
      sources: [
        { id: 'wv', vendor: 'wolkvox', server: '0031', token: 't', timeZone: 'Mars/Olympus_Mons', licences: 4 },
        { id: 'wv2', vendor: 'wolkvox', server: '0032', token: 't', timeZone: 'Mars/Olympus_Mons', name: 'x'.repeat(81) },
        // Another fault beside it: the source is left out, as any invalid one.
        { id: 'wv3', vendor: 'wolkvox', server: '0033', token: '', timeZone: 'Mars/Olympus_Mons' },
      ],
    });
    expect(settings.sources).toEqual([
      { id: 'wv', vendor: 'wolkvox', server: '0031', token: 't', licences: 4 },
      { id: 'wv2', vendor: 'wolkvox', server: '0032', token: 't' },
    ]);
    expect(problems).toEqual([
      'sources[0] (id "wv").timeZone: an IANA time zone such as "America/Bogota" (left out: its dates are read in this computer\'s time zone)',
      expect.stringMatching(/^sources\[1\] \(id "wv2"\)\.(timeZone|name): .*\(left out: /),
      expect.stringMatching(/^sources\[1\] \(id "wv2"\)\.(timeZone|name): .*\(left out: /),
      expect.stringMatching(/^sources\[2\] \(id "wv3"\)\..*\(source left out\)$/),
    ]);
  });
});
