/**
 * Optional producer discovery: measure names, types and display names per configured producer. Failures
 * never stop the source (conversion then goes by the values' shape); they are retried next session.
 * Display names are published as source info `label.<measure>` so views can label `extra` values.
 */
import type { Logger } from '../../util/logger';
import type { SourceHealth } from '../types';
import { classify } from '../errors';
import type { AxpApi } from './api';
import { parseProducerMeasures, type MeasureCatalog } from './catalog';
import { describe } from './http';

const MAX_LABELS = 300;

export class Discovery {
  private readonly catalogs = new Map<string, MeasureCatalog>();
  private done = false;

  constructor(
    private readonly api: AxpApi,
    private readonly health: SourceHealth,
    private readonly log: Logger,
  ) {}

  catalog(producerId: string): MeasureCatalog | undefined {
    return this.catalogs.get(producerId);
  }

  /** Reads each producer once; a failed read is retried on the next call. */
  async run(producers: string[], signal: AbortSignal): Promise<void> {
    if (this.done) return;
    const notes: string[] = [];
    let failed = false;
    let labels = 0;
    for (const producerId of producers) {
      if (this.catalogs.has(producerId)) continue;
      try {
        const { status, body } = await this.api.producer(producerId, signal);
        if (status >= 200 && status < 300) {
          const catalog = parseProducerMeasures(body);
          this.catalogs.set(producerId, catalog);
          notes.push(`${producerId}: ${catalog.size} measures`);
          for (const m of catalog.values()) {
            if (m.displayName && m.displayName !== m.name && labels++ < MAX_LABELS) this.health.setInfo(`label.${m.name}`, m.displayName);
          }
        } else if (status === 404) {
          this.catalogs.set(producerId, new Map());
          notes.push(`${producerId}: not found`);
          this.log.warn(`measure producer ${producerId} is unknown to producer management (${describe(status, body)})`);
        } else {
          // Server trouble is retried next session; a refusal (401/403) is an answer.
          if (status >= 500 || status === 429) failed = true;
          else this.catalogs.set(producerId, new Map());
          notes.push(`${producerId}: unavailable (${describe(status, body)})`);
        }
      } catch (e) {
        if (signal.aborted) throw e;
        failed = true;
        notes.push(`${producerId}: unavailable`);
        this.log.info(`producer discovery unavailable: ${classify(e).message}`);
      }
    }
    if (notes.length) this.health.setInfo('discovery', notes.join('; '));
    this.done = !failed;
  }
}
