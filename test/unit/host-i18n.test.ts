import { describe, expect, it } from 'vitest';
import { HOST_CATALOGS, hostMessages, systemLanguage } from '../../src/core/i18n/host';
import { METRICS } from '../../src/core/alerts/catalog';
import { alertWords } from '../../src/core/alerts/words';
import { createMessages, matchLanguage, type Message } from '../../src/shared/i18n';
import { LANGUAGES, type Language } from '../../src/shared/settings';
import { describeCatalogs } from '../support/catalogs';

describeCatalogs('host message catalogs', HOST_CATALOGS as Record<Language, Record<string, Message>>);

describe('host messages', () => {
  it('every metric has its title, label and advice in every language', () => {
    const missing: string[] = [];
    for (const lang of LANGUAGES) {
      const catalog = HOST_CATALOGS[lang] as Record<string, Message>;
      for (const def of Object.values(METRICS)) {
        const parts = ['title', 'label'];
        if (def.sampling !== 'source') parts.push('hint');
        if (def.subject === 'agent') parts.push('hintIp');
        else if (def.sampling !== 'source') parts.push('groupHint');
        if (def.unit === 'calls') parts.push('count');
        for (const part of parts) if (!(`metric.${def.id}.${part}` in catalog)) missing.push(`${lang}: metric.${def.id}.${part}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('the English label of each metric is the one of its alert messages', () => {
    for (const def of Object.values(METRICS)) expect(hostMessages('en').t(`metric.${def.id}.label` as never)).toBe(def.label);
  });

  it('durations and values in each language', () => {
    const def = METRICS['queue.longest_wait']!;
    expect(alertWords('en').describe(def, 200, 180)).toBe('Longest wait 3 min 20 s ≥ 3 min');
    expect(alertWords('es').describe(def, 200, 180)).toBe('Espera más larga 3 min 20 s ≥ 3 min');
    expect(alertWords('ru').describe(def, 7320, 180)).toBe('Самое долгое ожидание 2 ч 2 мин ≥ 3 мин');
    expect(alertWords('fr').describe(METRICS['agent.loss']!, 2.54, 5)).toBe('Perte de paquets 2,5 % (seuil 5 %)');
    expect(alertWords('en').describe(METRICS['agent.loss']!, 2.54, 5)).toBe('Packet loss 2.5% (threshold 5%)');
    expect(alertWords('es').describe(METRICS['vendor.alert_op']!, null, null)).toBe('Faltan agentes (alerta del proveedor)');
  });

  it('a grouped notification counts its critical alerts in the right number', () => {
    const head = (lang: Language, count: number) => hostMessages(lang).t('group.critical', { head: 'H', count });
    expect([head('es', 1), head('es', 3)]).toEqual(['H (1 crítica)', 'H (3 críticas)']);
    expect([head('fr', 1), head('fr', 3)]).toEqual(['H (1 critique)', 'H (3 critiques)']);
    expect([head('en', 1), head('ru', 1)]).toEqual(['H (1 critical)', 'H (критично: 1)']);
  });

  it('fills placeholders once compiled, keeps unknown ones, and falls back to English for a missing key', () => {
    const m = createMessages<'a' | 'b'>('fr', { a: '{n} sur {total} — {x}' }, { a: '{n} of {total} — {x}', b: 'only in English: {n}' });
    expect(m.t('a', { n: 1200, total: 10_000 })).toMatch(/^1\s200 sur 10\s000 — \{x\}$/);
    expect(m.t('a', { n: 1, total: 2, x: 'ok' })).toBe('1 sur 2 — ok');
    expect(m.t('b', { n: 2.5 })).toBe('only in English: 2,5');
  });

  it('the system language from the POSIX locale variables, in their order of precedence', () => {
    expect(systemLanguage({ LC_ALL: 'ru_RU.UTF-8', LANG: 'fr_FR.UTF-8' })).toBe('ru');
    expect(systemLanguage({ LC_MESSAGES: 'es_CO.UTF-8', LANG: 'fr_FR.UTF-8' })).toBe('es');
    expect(systemLanguage({ LANG: 'fr_CA.UTF-8' })).toBe('fr');
    expect(systemLanguage({ LANG: 'de_DE.UTF-8' })).toBe('en');
    // "C" says nothing about a language: the runtime's locale decides
    expect(systemLanguage({ LC_ALL: 'C.UTF-8' })).toBe(matchLanguage(Intl.DateTimeFormat().resolvedOptions().locale));
  });
});
