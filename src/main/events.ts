/**
 * Host → renderer events ('snapshot', 'patch', 'settings', 'navigate'), held back until the dashboard
 * says it is ready. State events sent before that are dropped: the dashboard gets a fresh snapshot
 * when it becomes ready, which supersedes them (and with which it reads the settings again). Other
 * events wait in a short queue.
 */
import { CHANNEL_PREFIX, type HostEventName, type HostEvents } from '../shared/bridge';

export interface EventTarget {
  send(channel: string, payload: unknown): void;
  isDestroyed(): boolean;
}

/** The IPC channel an event travels on. */
export const eventChannel = (event: HostEventName): string => `${CHANNEL_PREFIX}event:${event}`;

const STATE_EVENTS: ReadonlySet<HostEventName> = new Set(['snapshot', 'patch', 'settings']);
const MAX_QUEUED = 20;

export class RendererEvents {
  private target: EventTarget | null = null;
  private ready = false;
  private queue: { event: HostEventName; payload: unknown }[] = [];

  /** `snapshot` builds the state the dashboard starts from once it is ready. */
  constructor(private readonly snapshot: () => HostEvents['snapshot']) {}

  /** A new page (window created or reloaded): hold events until it says it is ready. */
  attach(target: EventTarget): void {
    this.target = target;
    this.ready = false;
  }

  /** Follows a window's web contents: a reload or a crash means waiting for "ready" again. */
  follow(contents: EventTarget & { on(event: 'did-start-loading' | 'destroyed', listener: () => void): unknown }): void {
    this.attach(contents);
    contents.on('did-start-loading', () => this.attach(contents));
    contents.on('destroyed', () => this.detach(contents));
  }

  detach(target: EventTarget): void {
    if (this.target !== target) return;
    this.target = null;
    this.ready = false;
  }

  /** The dashboard subscribed: send it a snapshot, then what waited. */
  markReady(target: EventTarget): void {
    this.target = target;
    this.ready = true;
    this.deliver('snapshot', this.snapshot());
    const waiting = this.queue;
    this.queue = [];
    for (const { event, payload } of waiting) this.deliver(event, payload);
  }

  get isReady(): boolean {
    return this.ready && this.target !== null && !this.target.isDestroyed();
  }

  send<E extends HostEventName>(event: E, payload: HostEvents[E]): void {
    if (this.isReady) {
      this.deliver(event, payload);
      return;
    }
    if (STATE_EVENTS.has(event)) return;
    this.queue.push({ event, payload });
    if (this.queue.length > MAX_QUEUED) this.queue.shift();
  }

  private deliver(event: HostEventName, payload: unknown): void {
    const target = this.target;
    if (!target || target.isDestroyed()) return;
    target.send(eventChannel(event), payload);
  }
}
