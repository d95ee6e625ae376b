/**
 * A fake host for component tests: answers commands from handlers the test sets, records every call,
 * and pushes snapshots and patches like the tray app's preload or the collector would.
 */
import type { BridgeApi, Channel, HostEventName, HostEvents, Req, Res, SettingsView } from '../../../src/shared/bridge';
import { AlertSettingsSchema } from '../../../src/shared/settings';
import type { Snapshot } from '../../../src/shared/model';
import { createClient, type DashboardClient } from '../../../src/renderer/bridge/client';
import { ClientStore } from '../../../src/renderer/bridge/store';

type Handler<C extends Channel> = (req: Req<C>) => Res<C> | Promise<Res<C>>;

export class FakeBridge implements BridgeApi {
  readonly calls: { channel: Channel; req: unknown }[] = [];
  private readonly handlers = new Map<Channel, (req: unknown) => unknown>();
  private readonly listeners = new Map<HostEventName, Set<(p: never) => void>>();

  constructor(
    public snapshot: Snapshot,
    public settings: SettingsView = settingsView(),
  ) {
    this.handle('snapshot:get', () => this.snapshot);
    this.handle('settings:get', () => this.settings);
    this.handle('history:get', () => []);
    this.handle('log:get', () => this.snapshot.log ?? []);
  }

  handle<C extends Channel>(channel: C, fn: Handler<C>): this {
    this.handlers.set(channel, fn as (req: unknown) => unknown);
    return this;
  }

  async invoke<C extends Channel>(channel: C, req: Req<C>): Promise<Res<C>> {
    this.calls.push({ channel, req });
    const h = this.handlers.get(channel);
    if (!h) throw new Error(`no handler for ${channel}`);
    return (await h(req)) as Res<C>;
  }

  callsTo(channel: Channel): unknown[] {
    return this.calls.filter((c) => c.channel === channel).map((c) => c.req);
  }

  on<E extends HostEventName>(event: E, listener: (payload: HostEvents[E]) => void): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener as (p: never) => void);
    return () => set.delete(listener as (p: never) => void);
  }

  emit<E extends HostEventName>(event: E, payload: HostEvents[E]): void {
    for (const l of this.listeners.get(event) ?? []) (l as (p: HostEvents[E]) => void)(payload);
  }
}

export function settingsView(over: Partial<SettingsView> = {}): SettingsView {
  return {
    version: 1,
    alerts: AlertSettingsSchema.parse({}),
    ui: { language: 'en', theme: 'system' },
    app: { startAtLogin: false, hideOnClose: true, autoUpdate: true, webhookPort: 0 },
    sources: [],
    secretStorage: 'os',
    host: 'tray',
    editable: true,
    ...over,
  };
}

/** A client over the fake, publishing store changes synchronously (no frames in tests). */
export function fakeClient(fake: FakeBridge): DashboardClient {
  return createClient({ mode: 'ipc', api: fake, store: new ClientStore((fn) => fn()) });
}
