import { describe, expect, it } from 'vitest';
import { alertsSheet, sheetFormat, sheetTime, sheetUnit } from '../../src/renderer/features/alerts/sheet';
import { ClientStore } from '../../src/renderer/bridge/store';
import { alertWhat, ruleText } from '../../src/renderer/features/alerts/describe';
import { createTranslator } from '../../src/renderer/i18n/translate';
import { agent, alert, queue, source, T0 } from './helpers/model';

function floor(): ClientStore {
  const store = new ClientStore(() => undefined);
  store.sources.set('wv', source('wv', { name: 'Bogotá; norte' }));
  store.agents.set('wv:1', agent('wv', '1', { name: 'Ana' }));
  store.agents.set('wv:2', agent('wv', '2', { name: '=HYPERLINK("http://x")' }));
  store.queues.set('wv:q', queue('wv', 'q', { name: 'Ventas "VIP"' }));
  return store;
}

/** RFC 4180 fields, quotes and all: what a spreadsheet reads back. */
function parse(text: string, sep: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const s = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === sep) {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && s[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  return rows;
}

describe('alert spreadsheet', () => {
  it('separates fields the way the reader’s spreadsheet does: a semicolon where the decimal separator is a comma', () => {
    expect(sheetFormat('en', ['en-US'])).toEqual({ separator: ',', decimal: '.' });
    expect(sheetFormat('fr', ['fr-FR'])).toEqual({ separator: ';', decimal: ',' });
    expect(sheetFormat('ru', [])).toEqual({ separator: ';', decimal: ',' });
    expect(sheetFormat('es', ['es-CO', 'en'])).toEqual({ separator: ';', decimal: ',' });
    // Mexico writes 2.5: its spreadsheets separate fields with commas.
    expect(sheetFormat('es', ['en-US', 'es-MX'])).toEqual({ separator: ',', decimal: '.' });
    // A browser in another language: the dashboard's language decides.
    expect(sheetFormat('es', ['en-US'])).toEqual({ separator: ';', decimal: ',' });
    expect(sheetFormat('en', ['fr-FR'])).toEqual({ separator: ',', decimal: '.' });
    // A tag Intl refuses falls back to the language.
    expect(sheetFormat('fr', ['fr-!!'])).toEqual({ separator: ';', decimal: ',' });
  });

  it('writes local times a spreadsheet reads as dates, and each value’s unit', () => {
    const at = new Date(2026, 10, 22, 9, 5, 7).getTime();
    expect(sheetTime(at)).toBe('2026-11-22 09:05:07');
    expect(sheetTime(null)).toBe('');
    expect(sheetTime(Number.NaN)).toBe('');
    expect(sheetUnit(alert('a'))).toBe('ms');
    expect(sheetUnit(alert('a', { ruleId: 'agent.loss', metric: 'agent.loss' }))).toBe('%');
    expect(sheetUnit(alert('a', { ruleId: 'queue.longest_wait', metric: 'queue.longest_wait' }))).toBe('s');
    expect(sheetUnit(alert('a', { ruleId: 'queue.waiting', metric: 'queue.waiting' }))).toBe('');
    expect(sheetUnit(alert('a', { ruleId: 'vendor.alert_file', metric: 'vendor.alert_file' }))).toBe('s');
    expect(sheetUnit(alert('a', { ruleId: 'vendor.alert_op', metric: 'vendor.alert_op' }))).toBe('');
    // In the file, the unit is written in the reader's language.
    const ru = alertsSheet([alert('a'), alert('b', { ruleId: 'queue.longest_wait', metric: 'queue.longest_wait', value: 90, threshold: 60 })], floor(), createTranslator('ru'), sheetFormat('ru', ['ru-RU']));
    const [, lat, wait] = ru.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lat).toContain(';450;400;мс;');
    expect(wait).toContain(';90;60;с;');
  });

  it('speaks French with decimal commas, quotes what holds a separator, and never starts a formula', () => {
    const store = floor();
    const fired = T0 + 30_000;
    const alerts = [
      alert('loss|wv:1', { ruleId: 'agent.loss', metric: 'agent.loss', value: 3.1, threshold: 2.5, firedAt: fired, acknowledged: true }),
      alert('wait|wv:q', { ruleId: 'queue.waiting', metric: 'queue.waiting', severity: 'warning', subject: { kind: 'queue', key: 'wv:q' }, value: 6, threshold: 5 }),
      alert('lat|wv:2', { subject: { kind: 'agent', key: 'wv:2' }, state: 'resolved', value: -3.5, resolvedAt: T0 + 125_400 }),
      alert('down|gone', { ruleId: 'source.down', metric: 'source.down', subject: { kind: 'source', key: 'gone' }, sourceId: 'gone', value: 90, threshold: 60, state: 'resolved', resolvedAt: T0 + 1000 }),
      alert('custom', { ruleId: '-x', metric: 'agent.custom', sourceId: undefined, threshold: null, message: '@SUM(A1)' }),
    ];
    const text = alertsSheet(alerts, store, createTranslator('fr'), sheetFormat('fr', ['fr-FR']));
    expect(text.startsWith('\uFEFF')).toBe(true);
    expect(text.endsWith('\r\n')).toBe(true);
    const lines = text.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe(
      'Gravité;État;Alerte;Concerne;Type;Source;Valeur;Seuil;Unité;Début;Déclenchée;Fin;Durée (s);Acquittée;Règle;Identifiant de l’alerte',
    );
    expect(lines[1]).toBe(
      `Critique;Active;Perte de paquets 3,1\u00a0% (seuil 2,5\u00a0%);Ana;agent;"Bogotá; norte";3,1;2,5;%;${sheetTime(T0)};${sheetTime(fired)};;;oui;Perte de paquets de l’agent (la pire entre émission et réception);loss|wv:1`,
    );
    expect(lines[2]).toBe(`Avertissement;Active;Appels en attente 6 (seuil 5);"Ventas ""VIP""";file;"Bogotá; norte";6;5;;${sheetTime(T0)};;;;non;Appels en attente dans une file;wait|wv:q`);
    // A name that would be a formula is text; a negative number stays a number.
    const row3 = lines[3]!;
    expect(row3).toContain(`;"'=HYPERLINK(""http://x"")";agent;`);
    expect(row3).toContain(';-3,5;400;ms;');
    expect(row3).toContain(`;${sheetTime(T0 + 125_400)};125;non;`);
    // A source no longer configured is named by its id.
    expect(lines[4]).toContain(';gone;source;gone;90;60;s;');
    // An alert the dashboard has no words for keeps the host's text, made safe; no source, no threshold.
    expect(lines[5]).toBe(`Critique;Active;'@SUM(A1);Ana;agent;;450;;;${sheetTime(T0)};;;;non;'-x;custom`);
    expect(lines).toHaveLength(7);
    // Read back as a spreadsheet reads it: every field whole.
    const cells = parse(text, ';');
    expect(cells.map((r) => r.length)).toEqual([16, 16, 16, 16, 16, 16]);
    expect(cells[2]![3]).toBe('Ventas "VIP"');
    expect(cells[3]![3]).toBe(`'=HYPERLINK("http://x")`);
    expect(cells[1]![5]).toBe('Bogotá; norte');
  });

  it('says how bad an alert got when its value is back under the threshold, in each language', () => {
    const held = alert('lat|wv:1', { value: 250, threshold: 400, peak: 520 });
    expect(alertWhat(held, createTranslator('es'))).toBe('Latencia 250\u00a0ms (umbral 400\u00a0ms, máximo 520\u00a0ms)');
    expect(alertWhat({ ...held, state: 'resolved' }, createTranslator('ru'))).toBe('Задержка 250\u00a0мс (порог 400\u00a0мс, пик 520\u00a0мс)');
    // Over the threshold, or no peak known (an older host): as before.
    expect(alertWhat({ ...held, value: 450, peak: 520 }, createTranslator('en'))).toBe('Latency 450\u00a0ms (threshold 400\u00a0ms)');
    expect(alertWhat({ ...held, peak: undefined }, createTranslator('en'))).toBe('Latency 250\u00a0ms (threshold 400\u00a0ms)');
  });

  it('names the rule in words: built-in, a queue\'s own thresholds, the vendor\'s; an added rule by the id its author gave it', () => {
    const es = createTranslator('es');
    expect(ruleText({ ruleId: 'queue.waiting', metric: 'queue.waiting' }, es)).toBe('Llamadas en espera en una cola');
    expect(ruleText({ ruleId: 'queue.waiting@ax:12', metric: 'queue.waiting' }, es)).toBe('Llamadas en espera en una cola, con umbrales propios');
    expect(ruleText({ ruleId: 'vendor.alert_file', metric: 'vendor.alert_file' }, es)).toBe('Alerta del proveedor');
    expect(ruleText({ ruleId: 'vip-latency', metric: 'agent.latency' }, es)).toBe('vip-latency');
  });

  it('has a header in each language, the same columns in each', () => {
    const counts = (['en', 'es', 'fr', 'ru'] as const).map((lang) => {
      const f = sheetFormat(lang, []);
      const rows = parse(alertsSheet([alert('a')], floor(), createTranslator(lang), f), f.separator);
      return [rows[0]!.length, rows[1]!.length];
    });
    expect(counts).toEqual([
      [16, 16],
      [16, 16],
      [16, 16],
      [16, 16],
    ]);
    expect(alertsSheet([], floor(), createTranslator('ru'), sheetFormat('ru', [])).split(';').slice(0, 4)).toEqual(['\uFEFFВажность', 'Состояние', 'Оповещение', 'Объект']);
  });
});
