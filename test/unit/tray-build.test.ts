import { describe, expect, it } from 'vitest';
import { buildTrayModel, staleAfterFor } from '../../src/core/tray/build';
import { SourceConfigSchema } from '../../src/shared/sources';
import type { Alert, Queue, Snapshot, Source } from '../../src/shared/model';

const NOW = Date.UTC(2026, 10, 20, 9, 0, 0);

const src = (id: string, vendor: Source['vendor'], name: string, status: Source['status'], ageSec = 1): Source => ({
  id,
  vendor,
  name,
  status,
  lastEventAt: NOW - ageSec * 1000,
  lastError: null,
});

const queue = (id: string, waiting: number): Queue => ({
  key: `ax:${id}`,
  sourceId: 'ax',
  vendorId: id,
  name: id,
  kind: 'queue',
  waiting,
  longestWaitSec: null,
  offered: null,
  answered: null,
  abandoned: null,
  serviceLevelPct: null,
  agentsAvailable: null,
});

let n = 0;
const alert = (severity: Alert['severity'], extra: Partial<Alert> = {}): Alert => ({
  id: `agent.latency|wv:${++n}`,
  ruleId: 'agent.latency',
  metric: 'agent.latency',
  severity,
  state: 'firing',
  subject: { kind: 'agent', key: `wv:${n}` },
  value: 450,
  threshold: 400,
  since: NOW - n * 1000,
  message: `Latency 450 ms ≥ 400 ms — Agent ${n} (Wolkvox Bogotá)`,
  acknowledged: false,
  snoozedUntil: null,
  ...extra,
});

const snap = (parts: Partial<Snapshot>): Snapshot => ({ at: NOW, sources: [], agents: [], queues: [], sites: [], alerts: [], ...parts });

describe('buildTrayModel', () => {
  it('ok: all sources fresh, no alerts', () => {
    const m = buildTrayModel(snap({ sources: [src('ax', 'axialys', 'ax', 'live', 3600), src('wv', 'wolkvox', 'wv', 'live', 30)], queues: [queue('q', 0)] }), { now: NOW, notificationsPaused: false });
    expect(m).toEqual({
      level: 'ok',
      tooltip: 'No alerts · no calls waiting · Axialys live, Wolkvox live',
      title: '',
      topAlerts: [],
      sources: [
        { id: 'ax', label: 'Axialys', status: 'live', menuLabel: 'Axialys — live' },
        { id: 'wv', label: 'Wolkvox', status: 'live', menuLabel: 'Wolkvox — live' },
      ],
      notificationsPaused: false,
      updateReady: false,
      menu: {
        open: 'Open dashboard',
        activeAlerts: 'Active alerts',
        snoozeAll: 'Snooze all',
        snoozeChoices: [
          { label: '15 minutes', minutes: 15 },
          { label: '1 hour', minutes: 60 },
          { label: '4 hours', minutes: 240 },
        ],
        noAlerts: 'No active alerts',
        pause: 'Pause notifications',
        sources: 'Sources',
        noSources: 'No sources configured',
        restartToUpdate: 'Restart to update',
        quit: 'Quit CC Tray Monitor',
      },
    });
  });

  it('says when a downloaded update waits for a restart, in the menu\'s language', () => {
    expect(buildTrayModel(snap({}), { now: NOW, notificationsPaused: false, updateReady: true })).toMatchObject({ updateReady: true, menu: { restartToUpdate: 'Restart to update' } });
    expect(buildTrayModel(snap({}), { now: NOW, notificationsPaused: false, updateReady: true, language: 'fr' }).menu.restartToUpdate).toBe('Redémarrer pour mettre à jour');
    expect(buildTrayModel(snap({}), { now: NOW, notificationsPaused: false, language: 'ru' }).menu.restartToUpdate).toBe('Перезапустить для обновления');
  });

  it('critical with counts, calls waiting and a polled source\'s age in the tooltip; title is the firing count', () => {
    const alerts = [alert('warning'), alert('critical'), alert('critical'), alert('critical', { state: 'resolved' }), alert('critical', { state: 'pending' })];
    const m = buildTrayModel(
      snap({ alerts, queues: [queue('a', 3), queue('b', 2)], sources: [src('ax', 'axialys', 'ax', 'live'), src('wv', 'wolkvox', 'wv', 'live', 4 * 60 + 5)] }),
      { now: NOW, notificationsPaused: false },
    );
    expect(m.level).toBe('critical');
    expect(m.tooltip).toBe('2 critical, 1 warning · 5 calls waiting · Axialys live, Wolkvox 4 min old');
    expect(m.title).toBe('3');
    expect(m.topAlerts.map((a) => a.severity)).toEqual(['critical', 'critical', 'warning']);
    expect(m.sources[1]).toEqual({ id: 'wv', label: 'Wolkvox (4 min old)', status: 'live', menuLabel: 'Wolkvox (4 min old) — live' });
  });

  it('stale when a source is down or a polled source is too old; an entity critical still wins', () => {
    const down = buildTrayModel(snap({ sources: [src('wv', 'wolkvox', 'Bogotá', 'down')], alerts: [alert('warning')] }), { now: NOW, notificationsPaused: false });
    expect(down.level).toBe('stale');
    expect(down.tooltip).toBe('1 warning · Bogotá down');
    const old = buildTrayModel(snap({ sources: [src('wv', 'wolkvox', 'wv', 'live', 12 * 60)] }), { now: NOW, notificationsPaused: false });
    expect(old.level).toBe('stale');
    const quietAxialys = buildTrayModel(snap({ sources: [src('ax', 'axialys', 'ax', 'live', 3 * 3600)] }), { now: NOW, notificationsPaused: false });
    expect(quietAxialys.level).toBe('ok');
    const custom = buildTrayModel(snap({ sources: [src('ax', 'axialys', 'ax', 'live', 3 * 3600)] }), { now: NOW, notificationsPaused: false, staleAfterSec: { ax: 600 } });
    expect(custom.level).toBe('stale');
    const both = buildTrayModel(snap({ sources: [src('wv', 'wolkvox', 'wv', 'auth_failed')], alerts: [alert('critical')] }), { now: NOW, notificationsPaused: false });
    expect(both.level).toBe('critical');
    const stopped = buildTrayModel(snap({ sources: [src('wv', 'wolkvox', 'wv', 'stopped', 99_999)] }), { now: NOW, notificationsPaused: false });
    expect(stopped.level).toBe('ok');
  });

  it("takes a polled source's staleness from its own polling intervals, never below the vendor's default", () => {
    const config = (raw: object) => SourceConfigSchema.parse(raw);
    const limits = staleAfterFor([
      config({ vendor: 'wolkvox', id: 'slow', server: '0031', token: 't', poll: { latencySec: 900, agentsSec: 900, skillsSec: 900 } }),
      config({ vendor: 'wolkvox', id: 'usual', server: '0031', token: 't' }),
      config({ vendor: 'telphin', id: 'tp', clientId: 'c', clientSecret: 's', pollSec: 600 }),
      config({ vendor: 'axialys', id: 'ax', login: 'l', password: 'p' }),
    ]);
    expect(limits).toEqual({ slow: 1860, usual: 660, tp: 1260 });
    // Polled every 15 minutes, 12 minutes after its last poll: not stale (it would be at the default).
    const quiet = snap({ sources: [src('slow', 'wolkvox', 'Bogotá', 'live', 12 * 60)] });
    expect(buildTrayModel(quiet, { now: NOW, notificationsPaused: false, staleAfterSec: limits }).level).toBe('ok');
    expect(buildTrayModel(quiet, { now: NOW, notificationsPaused: false }).level).toBe('stale');
  });

  it('stays grey while a failed source tries again, and turns amber for a degraded one', () => {
    const level = (source: Source, alerts: Alert[] = []) => buildTrayModel(snap({ sources: [source], alerts }), { now: NOW, notificationsPaused: false }).level;
    // Between two attempts of an outage the source is "connecting", its error kept: still not working.
    expect(level({ ...src('ax', 'axialys', 'ax', 'connecting'), lastError: 'Axialys: connection refused' })).toBe('stale');
    // A first connection (no error yet) is not an outage.
    expect(level(src('ax', 'axialys', 'ax', 'connecting'))).toBe('ok');
    // Live with part of its feed failing: amber, as its card's border is; a critical alert still wins.
    expect(level({ ...src('ax', 'axialys', 'ax', 'degraded'), lastError: 'Axialys: queue events missing' })).toBe('warning');
    expect(level(src('ax', 'axialys', 'ax', 'degraded'), [alert('critical')])).toBe('critical');
  });

  it("lists a source's own critical alert first in the menu, so other alerts never hide a feed lost", () => {
    const queues = Array.from({ length: 5 }, (_, i) => alert('critical', { since: NOW - (10 - i) * 60_000 }));
    const feedLost = alert('critical', { id: 'source.down|wv', ruleId: 'source.down', metric: 'source.down', subject: { kind: 'source', key: 'wv' }, sourceId: 'wv', value: 120, threshold: 60, since: NOW - 60_000 });
    const m = buildTrayModel(snap({ sources: [src('wv', 'wolkvox', 'Bogotá', 'down')], alerts: [...queues, feedLost, alert('warning', { since: NOW - 3_600_000 })] }), { now: NOW, notificationsPaused: false });
    expect(m.topAlerts.map((a) => a.id)).toEqual(['source.down|wv', ...queues.slice(0, 4).map((a) => a.id)]);
  });

  it('warning level; suppressed alerts neither count nor show; acknowledged and snoozed are marked', () => {
    const alerts = [alert('warning', { acknowledged: true }), alert('warning', { snoozedUntil: NOW + 60_000 }), alert('critical', { suppressed: true })];
    const m = buildTrayModel(snap({ alerts }), { now: NOW, notificationsPaused: true });
    expect(m.level).toBe('warning');
    expect(m.title).toBe('2');
    expect(m.topAlerts.some((a) => a.label.endsWith('(acknowledged)'))).toBe(true);
    expect(m.topAlerts.some((a) => a.label.endsWith('(snoozed)'))).toBe(true);
    expect(m.tooltip).toBe('2 warnings · notifications paused · no sources');
    expect(m.notificationsPaused).toBe(true);
  });

  it('says when quiet hours silence notifications and until when, in the tray language, before the sources; a pause says more', () => {
    const quiet = { allowCritical: true, until: { day: 6, minutes: 7 * 60 }, at: { day: 5, minutes: 23 * 60 } };
    expect(buildTrayModel(snap({}), { now: NOW, notificationsPaused: false, quiet }).tooltip).toBe('No alerts · quiet hours until 07:00 · no sources');
    const weekend = { ...quiet, until: { day: 1, minutes: 7 * 60 } };
    expect(buildTrayModel(snap({}), { now: NOW, notificationsPaused: false, quiet: weekend, language: 'ru' }).tooltip).toBe('Оповещений нет · тихие часы до пн 07:00 · источников нет');
    expect(buildTrayModel(snap({}), { now: NOW, notificationsPaused: false, quiet: { ...quiet, until: null } }).tooltip).toBe('No alerts · quiet hours · no sources');
    expect(buildTrayModel(snap({}), { now: NOW, notificationsPaused: true, quiet }).tooltip).toBe('No alerts · notifications paused · no sources');
    expect(buildTrayModel(snap({}), { now: NOW, notificationsPaused: false, quiet: null }).tooltip).toBe('No alerts · no sources');
  });

  it('shows at most five alerts, most severe first then oldest, and keeps the tooltip within 127 characters', () => {
    const alerts = Array.from({ length: 8 }, (_, i) => alert(i % 2 ? 'critical' : 'warning'));
    const sources = Array.from({ length: 12 }, (_, i) => src(`w${i}`, 'wolkvox', `Wolkvox site number ${i}`, 'live'));
    const m = buildTrayModel(snap({ alerts, sources }), { now: NOW, notificationsPaused: false });
    expect(m.topAlerts).toHaveLength(5);
    expect(m.topAlerts.slice(0, 4).every((a) => a.severity === 'critical')).toBe(true);
    const crit = alerts.filter((a) => a.severity === 'critical').sort((a, b) => a.since - b.since);
    expect(m.topAlerts[0]!.id).toBe(crit[0]!.id);
    expect(m.tooltip.length).toBeLessThanOrEqual(127);
    expect(m.tooltip.endsWith('…')).toBe(true);
    // a pause is never what the limit cuts: the source list is
    const paused = buildTrayModel(snap({ alerts, sources }), { now: NOW, notificationsPaused: true });
    expect(paused.tooltip).toMatch(/^4 critical, 4 warnings · notifications paused · Wolkvox site number 0 live, .*…$/);
  });

  it('names sources of the same vendor apart when they have no display name', () => {
    const m = buildTrayModel(snap({ sources: [src('wv1', 'wolkvox', 'wv1', 'live'), src('wv2', 'wolkvox', 'wv2', 'connecting')] }), { now: NOW, notificationsPaused: false });
    expect(m.tooltip).toBe('No alerts · Wolkvox wv1 live, Wolkvox wv2 connecting');
    const collectors = snap({ sources: [src('hq', 'collector', 'hq', 'live'), src('bo', 'collector', 'bo', 'live')] });
    expect(buildTrayModel(collectors, { now: NOW, notificationsPaused: false, language: 'fr' }).tooltip).toMatch(/Collecteur hq .*, Collecteur bo /);
    expect(buildTrayModel(collectors, { now: NOW, notificationsPaused: false, language: 'ru' }).tooltip).toMatch(/Сборщик hq .*, Сборщик bo /);
  });

  describe('in the user\'s language', () => {
    const sources = [src('wv', 'wolkvox', 'Bogotá', 'live', 4 * 60 + 5), src('ax', 'axialys', 'ax', 'auth_failed')];
    const named = (severity: Alert['severity'], extra: Partial<Alert> = {}) => alert(severity, { sourceId: 'wv', subjectName: 'Ana', ...extra });

    it('Spanish: counts, calls waiting, source states and the menu', () => {
      const m = buildTrayModel(snap({ alerts: [named('critical'), named('warning')], queues: [queue('a', 1)], sources }), { now: NOW, notificationsPaused: true, language: 'es' });
      expect(m.tooltip).toBe('1 crítica, 1 aviso · 1 llamada en espera · notificaciones en pausa · Bogotá datos de hace 4 min, Axialys acceso rechazado');
      expect(m.topAlerts[0]!.label).toBe('Latencia 450 ms ≥ 400 ms — Ana (Wolkvox Bogotá)');
      expect(m.sources.map((s) => s.menuLabel)).toEqual(['Bogotá (datos de hace 4 min) — en vivo', 'Axialys — acceso rechazado']);
      expect(m.menu.open).toBe('Abrir el panel');
    });

    it('Russian: the plural forms of the language', () => {
      const alerts = [...Array.from({ length: 2 }, () => named('critical')), ...Array.from({ length: 5 }, () => named('warning'))];
      const m = buildTrayModel(snap({ alerts, queues: [queue('a', 3), queue('b', 2)], sources: [] }), { now: NOW, notificationsPaused: false, language: 'ru' });
      expect(m.tooltip).toBe('2 критических, 5 предупреждений · 5 звонков в ожидании · источников нет');
      const one = buildTrayModel(snap({ alerts: [named('warning')], queues: [queue('a', 21)] }), { now: NOW, notificationsPaused: false, language: 'ru' });
      expect(one.tooltip).toBe('1 предупреждение · 21 звонок в ожидании · источников нет');
      expect(one.topAlerts[0]!.label).toBe('Задержка 450 мс ≥ 400 мс — Ana (wv)');
    });

    /** The critical "feed lost" alert of source ax, with its (English) message. */
    const lostFeed = (message: string): Alert => ({
      ...named('critical'),
      id: 'source.down|ax',
      ruleId: 'source.down',
      metric: 'source.down',
      subject: { kind: 'source', key: 'ax' },
      sourceId: 'ax',
      value: 90,
      threshold: 60,
      message,
    });

    it('French: acknowledged and snoozed alerts, a lost feed, and numbers in the locale\'s format', () => {
      const alerts = [named('warning', { acknowledged: true, value: 1234.5 }), named('warning', { snoozedUntil: NOW + 60_000 }), lostFeed('Axialys rejected the credentials')];
      const m = buildTrayModel(snap({ alerts, sources: [src('ax', 'axialys', 'ax', 'auth_failed')] }), { now: NOW, notificationsPaused: false, language: 'fr' });
      expect(m.topAlerts.map((a) => a.label)).toEqual([
        'Axialys ax a refusé les identifiants',
        'Latence 450 ms ≥ 400 ms — Ana (wv) (reportée)',
        expect.stringMatching(/^Latence 1\s235 ms ≥ 400 ms — Ana \(wv\) \(acquittée\)$/),
      ]);
    });

    it('a lost feed says why in the tray\'s language when the connector named the problem (cut to the line\'s length)', () => {
      const feed = lostFeed('Axialys is down: Axialys answered HTTP 503 to the supervisor login; the service may be down. Retrying');
      const down: Source = {
        ...src('ax', 'axialys', 'ax', 'down'),
        lastError: 'Axialys answered HTTP 503 to the supervisor login; the service may be down. Retrying',
        problem: { code: 'server_error', params: { status: 503 } },
      };
      const label = (language: 'ru' | 'en') => buildTrayModel(snap({ alerts: [feed], sources: [down] }), { now: NOW, notificationsPaused: false, language }).topAlerts[0]!.label;
      expect(label('ru')).toBe('Axialys ax: нет связи: сервис поставщика ответил ошибкой (HTTP 503); повторная …');
      expect(label('en')).toBe('Axialys ax is down: Axialys answered HTTP 503 to the supervisor login; the serv…');
    });

    it('keeps the English text of an alert on a metric it does not know', () => {
      const m = buildTrayModel(snap({ alerts: [named('warning', { metric: 'future.metric', message: 'Something new — Ana' })] }), { now: NOW, notificationsPaused: false, language: 'fr' });
      expect(m.topAlerts[0]!.label).toBe('Something new — Ana');
    });
  });
});
