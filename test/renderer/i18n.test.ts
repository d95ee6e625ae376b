import { describe, expect, it } from 'vitest';
import type { Language } from '../../src/shared/settings';
import { CATALOGS, createTranslator, matchLanguage } from '../../src/renderer/i18n/translate';
import type { Message } from '../../src/renderer/i18n/types';
import { describeCatalogs } from '../support/catalogs';

describeCatalogs('message catalogs', CATALOGS as Record<Language, Record<string, Message>>);

describe('translator', () => {
  it('picks Russian plural forms with Intl.PluralRules', () => {
    const { t } = createTranslator('ru');
    expect(t('conn.attempts', { count: 1 })).toBe('(1 попытка)');
    expect(t('conn.attempts', { count: 3 })).toBe('(3 попытки)');
    expect(t('conn.attempts', { count: 5 })).toBe('(5 попыток)');
    expect(t('conn.attempts', { count: 21 })).toBe('(21 попытка)');
    expect(t('conn.attempts', { count: 12 })).toBe('(12 попыток)');
  });

  it('counts of critical and warning agents read right whatever the count (no adjective to agree with it)', () => {
    const line = (lang: Language, critical: number, warning: number) => createTranslator(lang).t('overview.network', { critical, warning, count: 14 });
    expect(line('en', 1, 0)).toBe('Network: 1 critical, 0 warning of 14 agents measured');
    expect(line('es', 1, 0)).toBe('Red: 1 en estado crítico, 0 con aviso de 14 agentes medidos');
    expect(line('fr', 1, 2)).toBe('Réseau\u202f: 1 en état critique, 2 en avertissement sur 14 agents mesurés');
    expect(line('ru', 1, 2)).toBe('Сеть: критично 1, с предупреждением 2 из 14 измеренных операторов');
  });

  it('formats numbers in placeholders by locale and keeps unknown placeholders', () => {
    expect(createTranslator('fr').t('agents.shown', { shown: 1200, count: 10000 })).toMatch(/^1\s200 sur 10\s000 agents$/);
    expect(createTranslator('en').t('agents.shown', { count: 1 })).toBe('{shown} of 1 agent');
  });

  it('matches browser language tags to supported languages', () => {
    expect(matchLanguage('es-CO')).toBe('es');
    expect(matchLanguage('fr_CA')).toBe('fr');
    expect(matchLanguage('RU')).toBe('ru');
    expect(matchLanguage('de-DE')).toBe('en');
    expect(matchLanguage(undefined)).toBe('en');
  });
});
