/**
 * Demo mode in the tray app: the vendor simulators run in-process on loopback and demo sources point
 * at them. Their ids are remembered, so after a restart the simulators start again and the demo
 * sources are re-pointed at the new ports instead of failing against dead ones.
 */
import { SourceConfigSchema, type SourceConfig } from '../shared/sources';
import type { RunningDemo } from '../simulators/demo';
import type { KeyValueStore, TraySettingsHost } from '../core/settings/tray-host';
import type { Logger } from '../core/util/logger';

export const DEMO_IDS_KEY = 'demoSourceIds';

export class DemoController {
  private running: Promise<RunningDemo> | null = null;

  constructor(
    private readonly start: () => Promise<RunningDemo>,
    private readonly store: KeyValueStore,
    private readonly log: Logger,
  ) {}

  /** Starts the simulators once; returns the demo sources (for the command handler's `demo`). */
  async sources(): Promise<SourceConfig[]> {
    this.running ??= this.start().catch((e) => {
      this.running = null;
      throw e;
    });
    const { sources } = await this.running;
    this.store.set(DEMO_IDS_KEY, sources.map((s) => s.id));
    return sources;
  }

  /** After a restart: restarts the simulators if demo sources are still configured and re-points them. */
  async resume(settings: TraySettingsHost): Promise<void> {
    const raw = this.store.get(DEMO_IDS_KEY);
    const ids = Array.isArray(raw) ? raw.filter((id): id is string => typeof id === 'string') : [];
    const configured = settings.get().sources.filter((s) => ids.includes(s.id));
    if (!configured.length) {
      if (ids.length) this.store.delete(DEMO_IDS_KEY);
      return;
    }
    try {
      const fresh = await this.sources();
      for (const source of fresh) {
        if (configured.some((s) => s.id === source.id)) await settings.saveSource(SourceConfigSchema.parse(source), source.id, { allowPlaintextSecrets: true });
      }
    } catch (e) {
      this.log.warn('the demo simulators could not be restarted', e);
    }
  }

  async stop(): Promise<void> {
    const running = this.running;
    this.running = null;
    if (running) await (await running.catch(() => null))?.stop();
  }
}
