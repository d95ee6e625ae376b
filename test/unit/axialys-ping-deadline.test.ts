/**
 * The Engine.IO 3 ping timeout kept as one deadline (src/core/connectors/axialys/ping-deadline.ts):
 * the same moments of closing as the library's re-armed timer, without a timer per packet.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { isEio3Socket, keepPingDeadline, type Eio3Socket } from '../../src/core/connectors/axialys/ping-deadline';

/** The library's socket as far as its ping timeout goes: packets, pings and the close. */
function fakeEngine() {
  const closes: { reason: string; at: number }[] = [];
  const engine: Eio3Socket = {
    readyState: 'open',
    pingInterval: 25_000,
    pingTimeout: 5_000,
    pingTimeoutTimer: null,
    onHeartbeat: () => {
      throw new Error('replaced');
    },
    onClose(reason) {
      if (this.readyState === 'closed') return;
      clearTimeout(this.pingTimeoutTimer!);
      this.readyState = 'closed';
      closes.push({ reason, at: Date.now() });
    },
  };
  keepPingDeadline(engine, () => Date.now());
  /** What the library does on a packet (any packet counts) and after writing a ping. */
  return { engine, closes, packet: () => engine.onHeartbeat(), ping: () => engine.onHeartbeat(engine.pingTimeout) };
}

describe('Axialys Socket.IO 2.5: ping deadline', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout'], now: 1_000_000 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('closes with "ping timeout" interval + timeout after the last packet, not before', () => {
    const { packet, closes } = fakeEngine();
    packet();
    vi.advanceTimersByTime(10_000);
    packet(); // the deadline moves to 10 s + 30 s
    vi.advanceTimersByTime(29_999);
    expect(closes).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(closes).toEqual([{ reason: 'ping timeout', at: 1_040_000 }]);
  });

  it('sets no timer for the packets of a busy feed', () => {
    const { packet, engine, closes } = fakeEngine();
    packet();
    const first = engine.pingTimeoutTimer;
    const set = vi.spyOn(globalThis, 'setTimeout');
    const cleared = vi.spyOn(globalThis, 'clearTimeout');
    for (let i = 0; i < 5_000; i++) {
      vi.advanceTimersByTime(10);
      packet();
    }
    // 50 s of packets: the one timer fired once at 30 s and waited for the rest of the deadline.
    expect(set.mock.calls.length).toBeLessThanOrEqual(2);
    expect(cleared).not.toHaveBeenCalled();
    expect(engine.pingTimeoutTimer).not.toBe(first);
    expect(closes).toEqual([]);
    vi.advanceTimersByTime(30_000);
    expect(closes).toEqual([{ reason: 'ping timeout', at: 1_000_000 + 50_000 + 30_000 }]);
  });

  it('after a ping, closes pingTimeout later unless a packet comes (the deadline comes closer, the timer follows)', () => {
    const a = fakeEngine();
    a.packet();
    vi.advanceTimersByTime(25_000);
    a.ping(); // pong due within 5 s: earlier than the packet's deadline at 30 s
    vi.advanceTimersByTime(4_999);
    expect(a.closes).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(a.closes).toEqual([{ reason: 'ping timeout', at: 1_030_000 }]);

    const b = fakeEngine();
    b.ping();
    vi.advanceTimersByTime(4_000);
    b.packet(); // any packet proves the link alive again: interval + timeout from now
    vi.advanceTimersByTime(29_999);
    expect(b.closes).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(b.closes).toEqual([{ reason: 'ping timeout', at: 1_030_000 + 4_000 + 30_000 }]);
  });

  it('a closed socket is left alone, and one closed by the library gets a new timer if it hears again', () => {
    const { engine, packet, closes } = fakeEngine();
    packet();
    engine.onClose('transport close');
    vi.advanceTimersByTime(60_000);
    expect(closes).toEqual([{ reason: 'transport close', at: 1_000_000 }]);

    const c = fakeEngine();
    c.packet();
    clearTimeout(c.engine.pingTimeoutTimer!); // the library clears the timer it knows of
    c.engine.pingTimeoutTimer = null;
    c.packet();
    vi.advanceTimersByTime(30_000);
    expect(c.closes).toEqual([{ reason: 'ping timeout', at: 1_090_000 }]);
  });

  it('recognises only a socket that has what it replaces', () => {
    expect(isEio3Socket(null)).toBe(false);
    expect(isEio3Socket({ onHeartbeat() {} })).toBe(false);
    expect(isEio3Socket({ onHeartbeat() {}, onClose() {}, pingTimeoutTimer: null })).toBe(true);
  });
});
