import { afterEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { FakeClock } from '../fakes/clock';
import { NodeNotifier, type NodeNotifierLike } from '../../src/core/notify/node-notifier';
import { LogNotifier, notificationLine } from '../../src/core/notify/log-notifier';
import { createHeadlessNotifier } from '../../src/core/notify/headless';
import { memoryLogger } from '../../src/core/util/logger';
import { forgetSecrets, registerSecret } from '../../src/core/util/redact';
import type { AlertNotification, NotificationAction } from '../../src/core/alerts/types';

const n: AlertNotification = {
  id: 'agent.latency|wv:1',
  kind: 'raise',
  severity: 'critical',
  title: 'Critical: Agent latency',
  body: 'Latency 412 ms ≥ 400 ms for 3 min — Ana (Wolkvox Bogotá) · check the agent\'s network or public IP 190.1.2.3',
  alertIds: ['agent.latency|wv:1'],
  sound: true,
  actions: [
    { label: 'Acknowledge', action: { kind: 'ack' } },
    { label: 'Snooze 1 h', action: { kind: 'snooze', minutes: 60 } },
  ],
};

type Cb = Parameters<NodeNotifierLike['notify']>[1];

/** A scripted node-notifier: each call answers with the next scripted result. */
function fakeBackend(script: ((cb: Cb) => void)[]) {
  const calls: Record<string, unknown>[] = [];
  const backend: NodeNotifierLike = {
    notify(options, cb) {
      calls.push(options);
      const step = script[Math.min(calls.length - 1, script.length - 1)]!;
      step(cb);
    },
  };
  return { backend, calls };
}
const ok = (cb: Cb) => setImmediate(() => cb(null, 'ok'));
const fail = (msg: string) => (cb: Cb) => setImmediate(() => cb(new Error(msg)));

afterEach(() => forgetSecrets());

describe('LogNotifier', () => {
  it('writes one redacted line per notification: warn for a critical raise, info otherwise', () => {
    const log = memoryLogger();
    registerSecret('s3cr3t-token-value');
    const notifier = new LogNotifier(log);
    notifier.notify({ ...n, body: `${n.body} s3cr3t-token-value` });
    notifier.notify({ ...n, kind: 'recover', body: 'Latency back to 90 ms' });
    expect(log.records.map((r) => r.level)).toEqual(['warn', 'info']);
    expect(log.lines[0]).toContain('[critical raise] Critical: Agent latency — Latency 412 ms ≥ 400 ms');
    expect(log.lines[0]).not.toContain('s3cr3t-token-value');
    expect(notificationLine({ ...n, alertIds: ['a', 'b', 'c', 'd', 'e'] })).toContain('(alerts: a, b, c and 2 more)');
  });
});

describe('NodeNotifier', () => {
  it('shows the notification with title, body, sound and urgency', async () => {
    const { backend, calls } = fakeBackend([ok]);
    const notifier = new NodeNotifier({ logger: memoryLogger(), load: async () => backend, platform: 'linux', iconPath: '/x/icon.png' });
    await notifier.notify(n);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ title: n.title, message: n.body, sound: true, urgency: 'critical', icon: '/x/icon.png' });
    expect(calls[0]!.actions).toBeUndefined();
  });

  it('retries a failure twice with growing delays, then succeeds', async () => {
    const clock = new FakeClock();
    const { backend, calls } = fakeBackend([fail('dbus timeout'), fail('dbus timeout'), ok]);
    const log = memoryLogger();
    const notifier = new NodeNotifier({ logger: log, clock, load: async () => backend, platform: 'linux' });
    let done = false;
    void notifier.notify(n).then(() => (done = true));
    await clock.advance(999);
    expect(calls).toHaveLength(1);
    await clock.advance(1);
    expect(calls).toHaveLength(2);
    await clock.advance(2000);
    expect(calls).toHaveLength(3);
    await clock.advance(0);
    expect(done).toBe(true);
    expect(log.lines.filter((l) => l.includes('[critical raise]'))).toHaveLength(0);
  });

  it('after the last retry fails, writes the notification to the log; never throws', async () => {
    const clock = new FakeClock();
    const { backend, calls } = fakeBackend([fail('boom')]);
    const log = memoryLogger();
    const notifier = new NodeNotifier({ logger: log, clock, load: async () => backend, platform: 'linux' });
    const p = notifier.notify(n);
    await clock.advance(10_000);
    await expect(p).resolves.toBeUndefined();
    expect(calls).toHaveLength(3);
    expect(log.lines.some((l) => l.includes('after 3 attempts (boom)'))).toBe(true);
    expect(log.lines.some((l) => l.includes('[critical raise] Critical: Agent latency'))).toBe(true);
  });

  it('without a notification service (no notify-send) it logs once why, then only logs notifications', async () => {
    const { backend, calls } = fakeBackend([fail('notify-send must be installed on the system.')]);
    const log = memoryLogger();
    const notifier = new NodeNotifier({ logger: log, load: async () => backend, platform: 'linux' });
    await notifier.notify(n);
    await notifier.notify({ ...n, id: 'x' });
    expect(calls).toHaveLength(1);
    expect(notifier.unavailableReason).toContain('notify-send must be installed');
    expect(log.lines.filter((l) => l.includes('desktop notifications are not available'))).toHaveLength(1);
    expect(log.lines.filter((l) => l.includes('[critical raise]'))).toHaveLength(2);
  });

  it('a module that cannot be loaded or a backend that throws is logged, not thrown', async () => {
    const log = memoryLogger();
    const missing = new NodeNotifier({ logger: log, load: () => Promise.reject(new Error('Cannot find module node-notifier')) });
    await expect(missing.notify(n)).resolves.toBeUndefined();
    expect(log.lines.some((l) => l.includes('node-notifier could not be loaded'))).toBe(true);
    const log2 = memoryLogger();
    const throwing = new NodeNotifier({
      logger: log2,
      clock: new FakeClock(),
      retries: 0,
      load: async () => ({
        notify() {
          throw new Error('spawn EACCES');
        },
      }),
    });
    await expect(throwing.notify(n)).resolves.toBeUndefined();
    expect(log2.lines.some((l) => l.includes('[critical raise]'))).toBe(true);
  });

  it('offers buttons where the OS has them and turns a click into an action', async () => {
    const actions: NotificationAction[] = [];
    const { backend, calls } = fakeBackend([(cb) => setImmediate(() => cb(null, 'activate', { activationType: 'actionClicked', activationValue: 'Snooze 1 h' }))]);
    const notifier = new NodeNotifier({ logger: memoryLogger(), load: async () => backend, platform: 'darwin', onAction: (_n, a) => actions.push(a) });
    await notifier.notify(n);
    expect(calls[0]).toMatchObject({ actions: ['Acknowledge', 'Snooze 1 h'], wait: true });
    // On macOS every option becomes a terminal-notifier flag: only the ones it knows are sent.
    expect(Object.keys(calls[0]!).sort()).toEqual(['actions', 'message', 'sound', 'title', 'wait']);
    expect(actions).toEqual([{ kind: 'snooze', minutes: 60 }]);
  });

  it('with the real node-notifier on this machine: resolves, and without notify-send falls back to the log', async () => {
    const log = memoryLogger();
    const notifier = new NodeNotifier({ logger: log, retryDelayMs: 10, timeoutMs: 5000 });
    await expect(notifier.notify({ ...n, actions: [] })).resolves.toBeUndefined();
    const hasNotifySend = process.platform === 'linux' && spawnSync('sh', ['-c', 'command -v notify-send']).status === 0;
    if (process.platform === 'linux' && !hasNotifySend) {
      expect(notifier.unavailableReason).not.toBeNull();
      expect(log.lines.some((l) => l.includes('[critical raise] Critical: Agent latency'))).toBe(true);
    } else {
      expect(log.records.every((r) => r.level !== 'error')).toBe(true);
    }
  });
});

describe('createHeadlessNotifier', () => {
  it('logs when desktop notifications are off, uses node-notifier when on', () => {
    const log = memoryLogger();
    expect(createHeadlessNotifier({ logger: log, desktop: false })).toBeInstanceOf(LogNotifier);
    expect(createHeadlessNotifier({ logger: log, desktop: true })).toBeInstanceOf(NodeNotifier);
  });
});
