/**
 * A sentence, or a piece of one, as a code and its parameters: what the collector says in words any
 * language can render (test results, event log entries). A code a dashboard does not know is shown
 * as the English text sent beside it, so the schema is lenient on purpose.
 */
import { z } from 'zod';
import type { Params } from './i18n';

export const SaidSchema = z.object({
  code: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
});

export interface Said {
  code: string;
  params: Params;
}

/** The key `{prefix}.{code}` of a catalog, or null when this version has no text for that code. */
export function keyOf<K extends string>(catalog: Record<K, unknown>, prefix: string, code: string): K | null {
  const key = `${prefix}.${code}`;
  return key in catalog ? (key as K) : null;
}
