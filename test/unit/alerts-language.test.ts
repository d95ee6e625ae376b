import { describe, expect, it } from 'vitest';
import { alertHarness } from './alerts-harness';
import type { Language } from '../../src/shared/settings';

const fire = (h: ReturnType<typeof alertHarness>, id = '1001', ms = 450, name = `Agent ${id}`) => {
  h.latency(id, ms, 'wv', name);
  h.latency(id, ms, 'wv', name);
};

describe('notifications in the user\'s language', () => {
  it('Spanish: title, body with the duration and the advice, buttons, and the recovery', async () => {
    const h = alertHarness({ language: () => 'es' });
    h.source('wv', 'live');
    h.latency('1001', 430, 'wv', 'Ana');
    await h.advance(40_000);
    h.latency('1001', 430, 'wv', 'Ana');
    const raise = h.notifier.sent[0]!;
    expect(raise.title).toBe('Crítica: Latencia del agente');
    expect(raise.body).toBe('Latencia 430 ms ≥ 400 ms desde hace 40 s — Ana (Wolkvox Bogotá) · revise la red del agente o la IP pública 190.1.2.3');
    expect(raise.actions!.map((a) => a.label)).toEqual(['Reconocer', 'Posponer 1 h']);
    expect(raise.actions!.map((a) => a.action)).toEqual([{ kind: 'ack' }, { kind: 'snooze', minutes: 60 }]);
    // the alert's own message (API, history, CSV) stays English
    expect(h.alert('agent.latency|wv:1001')!.message).toBe('Latency 430 ms ≥ 400 ms — Ana (Wolkvox Bogotá)');
    await h.advance(80_000);
    h.latency('1001', 50, 'wv', 'Ana');
    h.latency('1001', 50, 'wv', 'Ana');
    const recover = h.notifier.sent[1]!;
    expect(recover).toMatchObject({ kind: 'recover', title: 'Recuperada: Latencia del agente', actions: [] });
    expect(recover.body).toBe('Latencia de nuevo en 50 ms tras 2 min — Ana (Wolkvox Bogotá)');
  });

  it('Russian: a grouped storm with the plural forms of the language', async () => {
    const h = alertHarness({ language: () => 'ru', settings: { groupWindowSec: 10 } });
    h.source('wv', 'live');
    const names = ['Анна', 'Иван', 'Мария', 'Олег', 'Пётр'];
    names.forEach((name, i) => fire(h, String(2000 + i), 450, name));
    await h.advance(10_000);
    const g = h.notifier.sent[0]!;
    expect(g.title).toBe('Критично: Задержка у оператора (5)');
    expect(g.body).toBe(
      '5 операторов: задержка ≥ 400 мс — у 5 общий публичный IP 190.1.2.3 · Анна, Иван, Мария и ещё 2 (Wolkvox Bogotá) · проверьте интернет-канал публичного IP 190.1.2.3',
    );
    expect(g.actions!.map((a) => a.label)).toEqual(['Подтвердить', 'Отложить на 1 ч']);
  });

  it('French: a queue backing up, with its advice, and a lost feed', async () => {
    const h = alertHarness({ language: () => 'fr' });
    h.source('ax', 'live', { vendor: 'axialys', name: 'Axialys' });
    h.waiting('q1', 12, 'ax', 'Ventes');
    await h.advance(5000);
    const n = h.notifier.sent[0]!;
    expect(n.title).toBe('Critique : Appels en attente');
    expect(n.body).toBe('12 appels en attente ≥ 10 depuis 5 s — Ventes (Axialys) · affectez plus d’agents à Ventes ou voyez qui est disponible');
    h.waiting('q1', 1);
    await h.advance(5000);
    expect(h.notifier.sent[1]!.body).toBe('1 appel en attente après 10 s — Ventes (Axialys)');
  });

  it('reads the language when it sends: a change in settings applies to the next notification', async () => {
    let language: Language = 'en';
    const h = alertHarness({ language: () => language });
    h.source('wv', 'live');
    fire(h, '1001');
    expect(h.notifier.sent[0]!.title).toBe('Critical: Agent latency');
    language = 'fr';
    fire(h, '1002');
    expect(h.notifier.sent[1]!.title).toBe('Critique : Latence de l’agent');
    expect(h.notifier.sent[1]!.actions!.map((a) => a.label)).toEqual(['Acquitter', 'Reporter d’1 h']);
  });
});
