import { describe, expect, it } from 'vitest';
import { parseServerMessage } from '../../src/renderer/bridge/messages';

describe("the collector's stream messages, as the dashboard reads them", () => {
  const note = { type: 'notification', id: 'n1', kind: 'group', severity: 'warning', title: 'Warning: Agent latency (2)', body: '2 agents…', alertIds: ['a', 'b'], sound: false };

  it('reads a notification', () => {
    expect(parseServerMessage(JSON.stringify(note))).toEqual({ type: 'notification', notification: { id: 'n1', kind: 'group', severity: 'warning', title: 'Warning: Agent latency (2)', body: '2 agents…', alertIds: ['a', 'b'], sound: false } });
  });

  it('reads its texts in other languages, and drops unusable ones rather than the notification', () => {
    const fr = { title: 'Avertissement : Latence des agents (2)', body: '2 agents…' };
    expect(parseServerMessage(JSON.stringify({ ...note, texts: { fr } }))).toMatchObject({ notification: { title: note.title, texts: { fr } } });
    for (const texts of [{ fr: { title: 7, body: 'x' } }, { xx: fr }, 'fr', { fr: { title: 'x'.repeat(501), body: '' } }]) {
      const read = parseServerMessage(JSON.stringify({ ...note, texts }));
      expect(read).toMatchObject({ type: 'notification', notification: { title: note.title, body: note.body } });
      expect((read as { notification: { texts?: unknown } }).notification.texts).toBeUndefined();
    }
  });

  it('drops a malformed one rather than showing something wrong', () => {
    for (const bad of [{ ...note, severity: 'fatal' }, { ...note, alertIds: 'a' }, { ...note, title: 7 }, { ...note, sound: 'yes' }, { ...note, kind: 'spam' }, { ...note, body: 'x'.repeat(5000) }]) {
      expect(parseServerMessage(JSON.stringify(bad))).toBeNull();
    }
    expect(parseServerMessage('not json')).toBeNull();
  });
});
