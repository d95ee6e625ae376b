/**
 * Converts AXP measure values (always strings on the wire) by measure type. Without a discovered type
 * the value's shape decides: numeric strings become numbers, "true"/"false" booleans.
 */
import type { ExtraValue } from '../../../shared/model';
import type { MeasureType } from './wire';
import { toNumber } from './wire';

const MAX_TEXT = 300;

export function convertMeasure(value: string | null, type: MeasureType | null): ExtraValue {
  if (value === null) return null;
  switch (type) {
    case 'NUMBER':
    case 'DURATION':
    case 'DATE':
    case 'TIME_IN_STATE':
      return toNumber(value) ?? dateValue(value);
    case 'STRING':
      return clip(value);
    default: {
      const n = toNumber(value);
      if (n !== null) return n;
      if (/^(true|false)$/i.test(value)) return value.toLowerCase() === 'true';
      return clip(value);
    }
  }
}

/** ISO dates become epoch ms; anything else unusable is null. */
function dateValue(value: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}/.test(value)) return null;
  const t = Date.parse(value);
  return Number.isFinite(t) ? t : null;
}

function clip(value: string): string {
  return value.length > MAX_TEXT ? `${value.slice(0, MAX_TEXT)}…` : value;
}

/** Epoch ms from 2001 on: earlier "times" are durations, not instants. */
const EPOCH_FLOOR_MS = 978_307_200_000;

/**
 * `timeInState` looks like the state's start in epoch ms (seed example). Epoch seconds are accepted
 * too; small values (durations) and instants in the future are not a start time.
 */
export function stateStart(value: string | null, now: number): number | null {
  const n = value === null ? null : (toNumber(value) ?? dateValue(value));
  if (n === null) return null;
  const ms = n < 1e11 && n * 1000 >= EPOCH_FLOOR_MS ? n * 1000 : n;
  if (ms < EPOCH_FLOOR_MS || ms > now + 60_000) return null;
  return Math.round(ms);
}
