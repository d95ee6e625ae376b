/**
 * Closing a connector's WebSocket (Avaya's stream, another collector's): one place for the manners.
 */
import type WebSocket from 'ws';
import type { Clock } from '../util/clock';

/** A clean close when we stop, with a fallback terminate; an immediate terminate after a failure. */
export function closeSocket(ws: WebSocket, clean: boolean, clock: Clock): void {
  ws.removeAllListeners('message');
  ws.on('error', () => undefined);
  if (!clean || ws.readyState !== ws.OPEN) {
    ws.terminate();
    return;
  }
  const h = clock.setTimeout(() => ws.terminate(), 1000);
  ws.once('close', () => clock.clearTimeout(h));
  ws.close(1000, 'client stopping');
}
