/**
 * Converts AXP measure values (always strings on the wire) by measure type. Without a discovered type
 * the value's shape decides: numeric strings become numbers, "true"/"false" booleans.
 *
 * Measures that are instants (DATE, TIME_IN_STATE: "Logged In Since") or durations (DURATION, in
 * seconds: "Logon Duration") are kept in `extra` as epoch ms and seconds under a key that says so —
 * the measure's key followed by a unit mark, " [epoch ms]" or " [s]" — which the dashboard reads to
 * show a local date and time or a clock duration (renderer/features/agents/extra.ts reads the same
 * marks); every other number stays a number.
 */
import { EXTRA_UNIT_MARK, type ExtraValue } from '../../../shared/model';
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

/** The kinds of measure the dashboard shows other than as a number. */
export type MeasureKind = 'time' | 'duration';

/** The unit mark ending the `extra` key of a measure of each kind. */
export const KIND_MARK: Readonly<Record<MeasureKind, string>> = EXTRA_UNIT_MARK;

/**
 * The seed's measures by name, for measures without a type (no catalog, or not one to go by):
 * `timeLoggedIn` is an instant (the seed sends the same epoch ms as `timeInState`); `timeOnHold`,
 * `timeActive`, `timeInACW` and every `…Duration` are durations in seconds.
 */
const TIME_NAMES: ReadonlySet<string> = new Set(['timeloggedin']);
const DURATION_NAMES: ReadonlySet<string> = new Set(['timeonhold', 'timeactive', 'timeinacw']);

/**
 * The kind of a measure by its lower-cased name and, when `typed` (the catalog is what keys go by),
 * its catalog type: DATE and TIME_IN_STATE are instants, DURATION durations, other types neither.
 */
export function measureKind(lower: string, type: MeasureType | null, typed: boolean): MeasureKind | null {
  if (typed && type !== null) return type === 'DURATION' ? 'duration' : type === 'DATE' || type === 'TIME_IN_STATE' ? 'time' : null;
  if (TIME_NAMES.has(lower)) return 'time';
  return DURATION_NAMES.has(lower) || lower.endsWith('duration') ? 'duration' : null;
}

/** The `extra` key of a measure: `base` (its name or display name) with the mark of its kind. */
export function markedKey(base: string, kind: MeasureKind | null): string {
  return kind === null ? base : base + KIND_MARK[kind];
}

/**
 * A measure's value for `extra`: instants as epoch ms (null when the value is not one), durations as
 * seconds (null when not a number), anything else as `convertMeasure` converts it.
 */
export function extraValue(value: string | null, type: MeasureType | null, kind: MeasureKind | null): ExtraValue {
  if (kind === null) return convertMeasure(value, type);
  if (value === null) return null;
  return kind === 'time' ? instantMs(value) : toNumber(value);
}

/** Latest instant read: the end of year 9999 (later values are not times a dashboard can show). */
const LATEST_MS = 253_402_300_799_999;

/** Epoch ms from epoch ms, epoch seconds or an ISO date; null for anything that is not an instant since 2001. */
export function instantMs(value: string): number | null {
  const n = toNumber(value) ?? dateValue(value);
  if (n === null) return null;
  const ms = n < 1e11 && n * 1000 >= EPOCH_FLOOR_MS ? n * 1000 : n;
  return ms < EPOCH_FLOOR_MS || ms > LATEST_MS ? null : Math.round(ms);
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
