/**
 * A scripted connector for engine/collector tests that do not need a vendor protocol: the test drives
 * health and events through the handle (vendor simulators cover the real protocols).
 */
import type { ConnectorContext, ConnectorFactory, ConnectorRegistry } from '../../src/core/connectors/types';
import type { NormalizedEvent } from '../../src/core/state/events';
import type { SourceStatus } from '../../src/shared/model';
import type { SourceConfig } from '../../src/shared/sources';

export interface ScriptedHandle {
  contexts: Map<string, ConnectorContext>;
  emit(sourceId: string, events: NormalizedEvent[]): void;
  status(sourceId: string, status: SourceStatus, error?: string | null): void;
  stopped: string[];
  checks: string[];
}

export function scriptedRegistry(vendor: SourceConfig['vendor'] = 'wolkvox'): { registry: ConnectorRegistry; handle: ScriptedHandle } {
  const handle: ScriptedHandle = {
    contexts: new Map(),
    stopped: [],
    checks: [],
    emit(sourceId, events) {
      handle.contexts.get(sourceId)!.emit(events);
    },
    status(sourceId, status, error) {
      handle.contexts.get(sourceId)!.health.setStatus(status, error);
    },
  };
  const factory: ConnectorFactory = {
    vendor,
    create(ctx) {
      handle.contexts.set(ctx.sourceId, ctx);
      return {
        start: () => ctx.health.setStatus('live', null),
        stop: async () => {
          handle.stopped.push(ctx.sourceId);
        },
        check: () => {
          handle.checks.push(ctx.sourceId);
        },
      };
    },
    test: async (ctx) => ({ ok: true, message: `reached ${ctx.sourceId}` }),
  };
  return { registry: { [vendor]: factory } as ConnectorRegistry, handle };
}

export const wolkvoxConfig = (id = 'wv', extra: Record<string, unknown> = {}): SourceConfig =>
  ({ id, vendor: 'wolkvox', server: '0031', token: 'tok-test-123456', baseUrl: 'http://127.0.0.1:9', ...extra }) as SourceConfig;
