import { describe, expect, it } from 'vitest';
import { createMessages, type Message } from '../../src/shared/i18n';
import { LOG_TEXTS, logLine, logText, type LogTextKey } from '../../src/shared/log-words';
import { PROBLEM_TEXTS, type ProblemKey } from '../../src/shared/problems';
import type { NormalizedEvent } from '../../src/core/state/events';
import { normalizeContext, normalizeUpdate } from '../../src/core/connectors/axialys/normalize';
import { emptyDirectory } from '../../src/core/connectors/axialys/directory';
import { AxialysMemory } from '../../src/core/connectors/axialys/memory';
import type { UpdateFrame } from '../../src/core/connectors/axialys/wire';

const T0 = Date.UTC(2026, 10, 22, 9, 0);
type Key = LogTextKey | ProblemKey;
const t = (lang: 'es' | 'fr' | 'ru') => createMessages<Key>(lang, { ...LOG_TEXTS[lang], ...PROBLEM_TEXTS[lang] } as Record<Key, Message>, { ...LOG_TEXTS.en, ...PROBLEM_TEXTS.en }).t;

function logOf(type: string, event: string, msg: Record<string, unknown>, names: Record<string, string> = {}) {
  const dir = emptyDirectory();
  for (const [id, name] of Object.entries(names)) dir.groupes.set(id, name);
  const ctx = normalizeContext('ax', dir, new AxialysMemory());
  ctx.now = T0;
  const out = normalizeUpdate({ ts: T0 / 1000, elapse: 0, event: { type_notification: type, event, msg } } as UpdateFrame, ctx) as NormalizedEvent[];
  return out.find((e): e is Extract<NormalizedEvent, { type: 'log' }> => e.type === 'log')!;
}

describe('event log entries in words', () => {
  it('names an Axialys queue or trunk the directory does not know by its kind and id, in every language', () => {
    const trunk = logOf('trunk', 'alert_file', { id_trunk: 346223, duration_in_queue: 40 });
    expect(trunk.text).toBe('Axialys: waiting threshold exceeded in trunk 346223 (40 s in queue)');
    expect(logLine(trunk.said!)).toBe(trunk.text);
    expect(logText('es', trunk, t('es'))).toBe('Axialys: umbral de espera superado en el troncal 346223 (40 s en cola)');
    const queue = logOf('queue', 'alert_op', { id_queue: 12 });
    expect(logText('ru', queue, t('ru'))).toBe('Axialys: не хватает операторов в очереди 12');
    const named = logOf('queue', 'alert_op', { id_queue: 12 }, { '12': 'Service client' });
    expect([named.text, logText('es', named, t('es'))]).toEqual(['Axialys: not enough operators for Service client', 'Axialys: faltan operadores en Service client']);
  });
});
