/** Connection state of the bridge, shown as a banner. IPC is always `open`. */
export type ConnState = 'connecting' | 'open' | 'reconnecting' | 'unauthorized';

export interface ConnStatus {
  state: ConnState;
  /** Epoch ms of the next reconnect attempt (reconnecting only). */
  retryAt: number | null;
  /** Consecutive failed attempts. */
  attempts: number;
}

export interface StatusSource {
  status(): ConnStatus;
  onStatus(listener: (s: ConnStatus) => void): () => void;
}

const OPEN: ConnStatus = Object.freeze({ state: 'open', retryAt: null, attempts: 0 });

export const ALWAYS_OPEN: StatusSource = {
  status: () => OPEN,
  onStatus: () => () => undefined,
};
