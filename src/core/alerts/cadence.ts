/**
 * How often each source samples each kind of value (`setSourceCadence`, fed by the connector
 * factories' `sampleIntervalSec`). A source may poll at several paces — Wolkvox asks for network
 * quality every 5 minutes but for its queues every minute — so a rule's raise window and re-samples
 * follow the pace of what the rule watches, not one pace per source.
 */
import type { MetricDef } from './catalog';
import type { SampleCadence, SampleKind } from './types';

const KINDS: readonly SampleKind[] = ['network', 'queues', 'sites'];

type PerKind = Partial<Record<SampleKind, number>>;

/** Which cadence paces a metric's samples; null for rules not driven by samples (vendor, source). */
export function sampleKind(def: MetricDef): SampleKind | null {
  if (def.sampling === 'network') return 'network';
  return def.sampling === 'value' ? def.collection : null;
}

export class SourceCadences {
  private readonly bySource = new Map<string, PerKind>();

  /** Replaces a source's cadence; a kind without a usable number counts as frequent. */
  set(sourceId: string, cadence: SampleCadence): void {
    const out: PerKind = {};
    for (const kind of KINDS) {
      const sec = typeof cadence === 'number' ? cadence : cadence[kind];
      if (sec !== undefined && Number.isFinite(sec) && sec > 0) out[kind] = sec;
    }
    this.bySource.set(sourceId, out);
  }

  /** Seconds between the samples a rule of `def` sees from the source, or undefined when not known. */
  of(sourceId: string, def: MetricDef): number | undefined {
    const kind = sampleKind(def);
    return kind ? this.bySource.get(sourceId)?.[kind] : undefined;
  }
}
