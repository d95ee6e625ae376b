/**
 * The fuzz rig has teeth: a deliberately broken connector — one that throws, drops a frame silently,
 * stores an agent in no known state, writes state without emitting, pollutes Object.prototype, or
 * holds the thread — is caught with the frame that did it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ConnectorContext, ConnectorFactory } from '../../src/core/connectors/types';
import type { SourceConfig } from '../../src/shared/sources';
import { POLLUTION_MARK } from './lib/hostile';
import { FuzzRig } from './lib/rig';

const config = { id: 'bk', vendor: 'wolkvox', server: '0031', token: 'rig-test-token', baseUrl: 'http://127.0.0.1:9' } as SourceConfig;

function brokenRig(): { rig: FuzzRig; ctx: () => ConnectorContext } {
  let captured: ConnectorContext | null = null;
  const factory = {
    vendor: 'wolkvox',
    create: (ctx: ConnectorContext) => {
      captured = ctx;
      return { start: () => undefined, stop: async () => undefined, check: () => undefined };
    },
    test: async () => ({ ok: true, message: '' }),
  } as unknown as ConnectorFactory;
  const rig = new FuzzRig({ config, factory, start: true, seed: 1 });
  return { rig, ctx: () => captured! };
}

let rig: FuzzRig | null = null;
afterEach(async () => {
  await rig?.stop();
  rig = null;
});

describe('the fuzz rig', () => {
  it('classifies frames by what the connector reported', async () => {
    const t = brokenRig();
    rig = t.rig;
    const d = () => 'frame';
    expect(await rig.frame(0, 1, () => t.ctx().emit([{ type: 'agent', id: 'a', set: { state: 'available' } }]), d)).toBe('accepted');
    expect(await rig.frame(1, 1, () => t.ctx().health.rejected('bad'), d)).toBe('rejected');
    expect(await rig.frame(2, 1, () => t.ctx().health.unknown('odd'), d)).toBe('unknown');
    expect(await rig.frame(3, 1, () => 'refused', d)).toBe('refused');
    expect(await rig.frame(4, 1, () => 'accepted', d)).toBe('accepted');
    rig.check(5);
    expect(rig.violations).toEqual([]);
    expect(rig.tally).toMatchObject({ accepted: 2, rejected: 1, unknown: 1, refused: 1, silent: 0, crash: 0 });
  });

  it('catches a crash, a silent drop and a state change without events', async () => {
    const t = brokenRig();
    rig = t.rig;
    expect(
      await rig.frame(7, 1, () => {
        throw new TypeError('boom');
      }, () => 'crashing frame'),
    ).toBe('crash');
    expect(await rig.frame(8, 1, () => undefined, () => 'dropped frame')).toBe('silent');
    await rig.frame(9, 1, () => {
      rig!.engine.state.apply('bk', { type: 'agent', id: 'ghost', set: {} }, 0);
      t.ctx().health.rejected('said rejected');
    }, () => 'sneaky frame');
    expect(rig.violations.join('\n')).toMatch(/frame 7: exception TypeError: boom — crashing frame/);
    expect(rig.violations.join('\n')).toMatch(/frame 8: the frame was neither used nor counted — dropped frame/);
    expect(rig.violations.join('\n')).toMatch(/frame 9: the state changed although nothing was emitted/);
  });

  it('catches entities that break the model or their key, and prototype pollution', async () => {
    const t = brokenRig();
    rig = t.rig;
    t.ctx().emit([
      { type: 'agent', id: 'x', set: { state: 'dancing' as never } },
      { type: 'queue', id: 'q', set: { waiting: 3, longestWaitSec: Infinity } },
    ]);
    rig.engine.state.agents.set('bk:y', { ...rig.engine.state.agents.get('bk:x')!, key: 'other:y', state: 'available' });
    rig.check(1);
    const text = rig.violations.join('\n');
    expect(text).toMatch(/agent "bk:x" breaks the model: state/);
    expect(text).toMatch(/queue "bk:q" breaks the model: longestWaitSec/);
    expect(text).toMatch(/agent stored under "bk:y" has key "other:y"/);
    try {
      (Object.prototype as Record<string, unknown>)[POLLUTION_MARK] = true;
      await rig.frame(2, 1, () => 'accepted', () => 'polluting frame');
    } finally {
      delete (Object.prototype as Record<string, unknown>)[POLLUTION_MARK];
    }
    expect(rig.violations.join('\n')).toMatch(/frame 2: Object.prototype carries cctmFuzzPolluted/);
  });

  it('stops the run when a frame holds the thread beyond its budget', async () => {
    const t = brokenRig();
    rig = t.rig;
    await rig.frame(3, 10, () => {
      const until = performance.now() + 1_100;
      while (performance.now() < until);
      return 'accepted';
    }, () => 'slow frame');
    expect(rig.overrun).toBe(true);
    expect(rig.violations.join('\n')).toMatch(/frame 3: the frame held the engine for \d+ ms \(budget 1000 ms\)/);
  });
});
