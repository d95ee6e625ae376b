/**
 * How long something has lasted, where words precede it ("Dans cet état depuis", "On this call for"):
 * in words ("20 min 36 s"), never as a clock ("20:36", which reads as a time of day after "depuis"
 * and could be 20 hours as well as 20 minutes), in every language. Tables of durations keep the clock.
 */
import './helpers/dom';
import { describe, expect, it, vi } from 'vitest';
import { screen, within } from '@testing-library/react';
import { FakeBridge, settingsView } from './helpers/bridge';
import { agent, snapshot, source, T0 } from './helpers/model';
import { renderApp } from './helpers/render';
import type { SourceConfigView } from '../../src/shared/sources';

const wolkvoxView = { id: 'wv', vendor: 'wolkvox', name: 'Bogotá', server: '0031', secrets: { token: true }, poll: { latencySec: 300 } } as SourceConfigView;
const LANGS = [
  ['en', 'In this state for', '20\u00a0min 36\u00a0s'],
  ['es', 'En este estado desde hace', '20\u00a0min 36\u00a0s'],
  ['fr', 'Dans cet état depuis', '20\u00a0min 36\u00a0s'],
  ['ru', 'В этом состоянии уже', '20\u00a0мин 36\u00a0с'],
] as const;

describe('Durations after words', () => {
  it("a source's card says how long it has been in its state in words", async () => {
    vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'], now: T0 + 1_236_000 });
    try {
      for (const [language, label, text] of LANGS) {
        const fake = new FakeBridge(snapshot({ at: T0 + 1_236_000, sources: [source('wv', { name: 'Bogotá', statusSince: T0 })] }), settingsView({ sources: [wolkvoxView], ui: { language, theme: 'system' } }));
        const { unmount } = await renderApp(fake, '#/sources');
        const card = await screen.findByTestId('source-wv');
        expect(within(card).getByText(label, { selector: 'dt' }).nextElementSibling!.textContent, language).toBe(text);
        unmount();
      }
    } finally {
      vi.useRealTimers();
    }
  });

  it("an agent's details say how long it has been in its state and on its call in words; the table keeps the clock", async () => {
    vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'], now: T0 + 3_725_000 });
    try {
      const ana = agent('wv', '1', { name: 'Ana', state: 'on_call', stateSince: T0, call: { id: 'c', queueKey: null, number: null, since: T0 + 3_680_000 } });
      const fake = new FakeBridge(snapshot({ at: T0 + 3_725_000, sources: [source('wv')], agents: [ana] }), settingsView({ ui: { language: 'fr', theme: 'system' } }));
      await renderApp(fake, '#/agents/wv%3A1');
      const detail = await screen.findByRole('region', { name: 'Ana' });
      expect(detail.textContent).toContain('Durée dans l’état\u202f: 1\u00a0h 2\u00a0min');
      expect(detail.textContent).toContain('Dans cet appel depuis\u202f: 45\u00a0s');
      const row = screen.getAllByRole('row').find((r) => r.textContent?.startsWith('Ana'))!;
      expect(within(row).getByText('1:02:05')).toBeTruthy();
    } finally {
      vi.useRealTimers();
    }
  });
});
