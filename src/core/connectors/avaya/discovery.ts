/**
 * Optional producer discovery: measure names, types and display names per configured producer. Failures
 * never stop the source (conversion then goes by the values' shape); they are retried next session.
 * Display names label the measures kept in `extra` — only for producers read on the first attempt, so
 * that an entity's `extra` never mixes measure names and display names (extra is merged, not replaced).
 */
import type { Logger } from '../../util/logger';
import type { SourceHealth } from '../types';
import { classify } from '../errors';
import type { AxpApi } from './api';
import { parseProducerMeasures, type MeasureCatalog } from './catalog';
import { describe } from './http';

export class Discovery {
  private readonly catalogs = new Map<string, MeasureCatalog>();
  private readonly labelled = new Set<string>();
  private attempts = 0;
  private done = false;

  constructor(
    private readonly api: AxpApi,
    private readonly health: SourceHealth,
    private readonly log: Logger,
  ) {}

  catalog(producerId: string): MeasureCatalog | undefined {
    return this.catalogs.get(producerId);
  }

  /** Whether `extra` of this producer is keyed by display names. */
  labels(producerId: string): boolean {
    return this.labelled.has(producerId);
  }

  /** Reads each producer once; a failed read is retried on the next call. */
  async run(producers: string[], signal: AbortSignal): Promise<void> {
    if (this.done) return;
    const first = this.attempts++ === 0;
    let failed = false;
    for (const producerId of producers) {
      if (this.catalogs.has(producerId)) continue;
      try {
        const { status, body } = await this.api.producer(producerId, signal);
        if (status >= 200 && status < 300) {
          const catalog = parseProducerMeasures(body);
          this.catalogs.set(producerId, catalog);
          this.health.setInfo(`producer.${producerId}`, catalog.size);
          if (first) this.labelled.add(producerId);
        } else if (status === 404) {
          this.catalogs.set(producerId, new Map());
          this.health.setInfo(`producer.${producerId}`, 'not found');
          this.log.warn(`measure producer ${producerId} is unknown to producer management (${describe(status, body)})`);
        } else {
          // Server trouble is retried next session; a refusal (401/403) is an answer.
          if (status >= 500 || status === 429) failed = true;
          else this.catalogs.set(producerId, new Map());
          this.health.setInfo(`producer.${producerId}`, 'unavailable');
          this.log.info(`producer discovery unavailable for ${producerId} (${describe(status, body)})`);
        }
      } catch (e) {
        if (signal.aborted) throw e;
        failed = true;
        this.health.setInfo(`producer.${producerId}`, 'unavailable');
        this.log.info(`producer discovery unavailable: ${classify(e).message}`);
      }
    }
    this.done = !failed;
  }
}
