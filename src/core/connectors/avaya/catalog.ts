/**
 * Measure catalog from producer discovery (`GET …/measure-producers/{id}`): measure types drive value
 * conversion, display names label the measures kept in `extra`. The response shape is only loosely
 * documented ("measure sets with keys and measures"), so every `measures` array found within a few
 * levels of the body is read.
 */
import { MeasureDefSchema, type MeasureDef, type MeasureType } from './wire';

/** Measures of one producer by lower-cased name. */
export type MeasureCatalog = Map<string, MeasureDef>;

const MAX_DEPTH = 5;
const MAX_MEASURES = 1000;

export function parseProducerMeasures(body: unknown): MeasureCatalog {
  const catalog: MeasureCatalog = new Map();
  const visit = (node: unknown, depth: number): void => {
    if (depth > MAX_DEPTH || catalog.size >= MAX_MEASURES || node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      for (const item of node.slice(0, 200)) visit(item, depth + 1);
      return;
    }
    for (const [key, value] of Object.entries(node)) {
      if (key.toLowerCase() === 'measures' && Array.isArray(value)) {
        for (const raw of value.slice(0, MAX_MEASURES)) {
          const parsed = MeasureDefSchema.safeParse(raw);
          if (parsed.success && !catalog.has(parsed.data.name.toLowerCase())) catalog.set(parsed.data.name.toLowerCase(), parsed.data);
        }
      } else if (value && typeof value === 'object') {
        visit(value, depth + 1);
      }
    }
  };
  visit(body, 0);
  return catalog;
}

export function measureType(catalog: MeasureCatalog | undefined, name: string): MeasureType | null {
  return catalog?.get(name.toLowerCase())?.type ?? null;
}
