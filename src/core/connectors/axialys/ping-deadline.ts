/**
 * The ping timeout of Engine.IO 3's client (the transport under Socket.IO 2.5), kept as one deadline.
 *
 * The library calls `onHeartbeat` for every packet it receives (any packet proves the link alive),
 * and after each ping it sends (a pong is due within `pingTimeout`). Each call clears its timer and
 * sets a new one: on a busy feed, a `clearTimeout` and a `setTimeout` for every message, about a
 * tenth of what receiving a message costs. Here each call only moves the deadline — the time of
 * the call plus its timeout, exactly as before — and the timer is set again only when the deadline
 * comes closer than it (after a ping). A timer that fires before the deadline waits for the rest;
 * one that fires at or past it closes the socket with the library's own `ping timeout`.
 *
 * Time is read from the monotonic clock, so a wall-clock step cannot shorten or stretch it.
 */

/** What this needs of an Engine.IO 3 client socket (`manager.engine`). */
export interface Eio3Socket {
  readyState: string;
  pingInterval: number;
  pingTimeout: number;
  pingTimeoutTimer: ReturnType<typeof setTimeout> | null;
  onHeartbeat(timeout?: number): void;
  onClose(reason: string): void;
}

export function isEio3Socket(x: unknown): x is Eio3Socket {
  const s = x as Partial<Eio3Socket> | null;
  return typeof s === 'object' && s !== null && typeof s.onHeartbeat === 'function' && typeof s.onClose === 'function' && 'pingTimeoutTimer' in s;
}

/**
 * Replaces the socket's `onHeartbeat` before its handshake (the handshake registers the method it
 * finds then as its per-packet listener). `now`: milliseconds of a monotonic clock.
 */
export function keepPingDeadline(engine: Eio3Socket, now: () => number = () => performance.now()): void {
  let deadline = 0;
  /** When the timer set last fires, or null when none is set. */
  let due: number | null = null;

  const arm = (ms: number): void => {
    due = now() + ms;
    engine.pingTimeoutTimer = setTimeout(expire, ms);
  };
  const expire = (): void => {
    due = null;
    engine.pingTimeoutTimer = null;
    if (engine.readyState === 'closed') return;
    const left = deadline - now();
    if (left > 0) arm(left);
    else engine.onClose('ping timeout');
  };

  engine.onHeartbeat = function (this: Eio3Socket, timeout?: number): void {
    const t = now();
    deadline = t + (timeout || engine.pingInterval + engine.pingTimeout);
    // The socket's close clears the timer it knows of: then a new one is needed.
    if (due !== null && engine.pingTimeoutTimer !== null && due <= deadline) return;
    if (engine.pingTimeoutTimer !== null) clearTimeout(engine.pingTimeoutTimer);
    arm(deadline - t);
  };
}
