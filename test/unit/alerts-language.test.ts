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
    expect(n.title).toBe('Critique\u202f: Appels en attente');
    expect(n.body).toBe('12 appels en attente ≥ 10 depuis 5 s — Ventes (Axialys) · affectez plus d’agents à Ventes ou voyez qui est disponible');
    h.waiting('q1', 1);
    await h.advance(5000);
    expect(h.notifier.sent[1]!.body).toBe('1 appel en attente après 10 s — Ventes (Axialys)');
  });

  it('a lost feed says why in the language of the notification; English keeps the connector\'s own words', async () => {
    const why = {
      lastError: "Wolkvox rejected the token (403 PLEASE VALIDATE TOKEN): check the token in the Sources view, and that this machine's public IP is allowed in the Wolkvox firewall.",
      problem: { code: 'wolkvox_token_refused', params: {} },
    };
    const bodies: Record<string, string> = {};
    for (const lang of ['es', 'ru', 'en'] as const) {
      const h = alertHarness({ language: () => lang });
      h.source('wv', 'auth_failed', why);
      await h.advance(61_000);
      bodies[lang] = h.notifier.sent.at(-1)!.body;
      // The alert's own message stays English, with the connector's words.
      expect(h.alert('source.down|wv')!.message).toBe(`Wolkvox Bogotá rejected the credentials: ${why.lastError}`);
    }
    expect(bodies.es).toContain(
      'el token fue rechazado: revíselo en la vista Fuentes y compruebe que la IP pública de este equipo esté permitida en el firewall de Wolkvox',
    );
    expect(bodies.es).not.toContain('PLEASE VALIDATE TOKEN');
    expect(bodies.ru).toContain('токен отклонён: проверьте его в разделе «Источники»');
    expect(bodies.en).toContain(why.lastError);
  });

  it('a lost feed with a problem this version has no text for, or none at all, shows the connector\'s words', async () => {
    const h = alertHarness({ language: () => 'fr' });
    h.source('wv', 'down', { lastError: 'Wolkvox server h could not be reached (ECONNREFUSED)', problem: { code: 'from_a_newer_collector', params: {} } });
    h.source('ax', 'down', { vendor: 'axialys', name: 'Axialys', lastError: 'connection refused', problem: null });
    await h.advance(61_000);
    const bodies = h.notifier.sent.map((n) => n.body).join('\n');
    expect(bodies).toContain('Wolkvox server h could not be reached (ECONNREFUSED)');
    expect(bodies).toContain('connection refused');
  });

  it('numbers in a problem follow the language (a timeout of 0.5 s)', async () => {
    const h = alertHarness({ language: () => 'fr' });
    h.source('wv', 'down', { lastError: 'Wolkvox did not answer the agents report within 500 ms (h)', problem: { code: 'timeout', params: { seconds: 0.5 } } });
    await h.advance(61_000);
    expect(h.notifier.sent.at(-1)!.body).toContain('pas de réponse en 0,5 s\u202f: vérifiez la connexion réseau de cet ordinateur');
  });

  it('reads the language when it sends: a change in settings applies to the next notification', async () => {
    let language: Language = 'en';
    const h = alertHarness({ language: () => language });
    h.source('wv', 'live');
    fire(h, '1001');
    expect(h.notifier.sent[0]!.title).toBe('Critical: Agent latency');
    language = 'fr';
    fire(h, '1002');
    expect(h.notifier.sent[1]!.title).toBe('Critique\u202f: Latence de l’agent');
    expect(h.notifier.sent[1]!.actions!.map((a) => a.label)).toEqual(['Acquitter', 'Reporter d’1 h']);
  });
});
