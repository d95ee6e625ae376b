/**
 * The hostile values the mutator plants: wrong types, edge numbers, strings that look like numbers,
 * dates, markup or paths, control and bidirectional characters, lone surrogates, huge strings, deep
 * nesting, and the prototype-pollution keys (`__proto__`, `constructor`, `prototype`).
 */
import type { Rng } from './prng';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Keys that pollute prototypes when code copies them with `obj[key] = …` or `Object.assign`. */
export const POLLUTION_KEYS = ['__proto__', 'constructor', 'prototype'] as const;
/** The property a successful pollution would make visible on every object. */
export const POLLUTION_MARK = 'cctmFuzzPolluted';

const NUMBERS = [0, -0, -1, 1, 1.5, -2.75, 0.1, 1e308, -1e308, 5e-324, 2 ** 53 + 2, -(2 ** 53), 2 ** 31, 4294967296, 1e21, 86_400_000, 1_700_000_000, 1_700_000_000_000];

const STRINGS = [
  '', ' ', '   ', '\t', '\n', '\r\n', 'null', 'NULL', 'undefined', 'NaN', 'Infinity', '-Infinity', 'true', 'false',
  '0', '-0', '-1', '007', '1e999', '-1e999', '0x1F', '1_000', '12,5', '85%', ' 42 ', '4 2', '+5', '.5', '5.', '1e-7',
  '9007199254740993', '2026-13-45 99:99:99', '0000-00-00 00:00:00', '1970-01-01T00:00:00Z', '9999-12-31T23:59:59Z', '2026-11-21t10-30-00.000000+gmt',
  '00:00:00', '99:99:99', '-00:01:00', '1:2:3:4', '<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', "'; DROP TABLE agents; --",
  '../../../etc/passwd', '..\\..\\windows\\win.ini', 'file:///etc/passwd', 'javascript:alert(1)', '${jndi:ldap://127.0.0.1/a}', '{{7*7}}', '%00', '%s%s%s%n',
  '\u0000', 'a\u0000b', '\u0007\u001b[31mred', '\u202eevil', '\u200b', '\ufeff', '\ud800', '\udfff', 'x\ud83dy', '\ud83d\ude00', 'Ω≈ç√∫', 'ａｇｅｎｔ', 'İıŞş',
  '__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', 'Bearer abcdefgh', 'password=hunter2',
  'READY', 'NOT_READY', 'LOGGED_OUT', 'available', 'logged_out', 'on_break', 'Disponible', 'En llamada', 'Auxiliar - Almuerzo', 'connected', 'ringing',
  'UPSERT', 'DELETE', 'INITIALIZING', 'LIVE', 'authenticationResponse', 'CONNECTION_CONFIRMED',
];

/** A hostile scalar (or a small hostile container). */
export function hostileScalar(rng: Rng): Json {
  const r = rng.next();
  if (r < 0.3) return rng.pick(NUMBERS);
  if (r < 0.75) return rng.pick(STRINGS);
  if (r < 0.8) return rng.chance(0.5);
  if (r < 0.86) return null;
  if (r < 0.9) return rng.int(-1_000_000, 1_000_000);
  if (r < 0.93) return randomText(rng, rng.int(1, 40));
  if (r < 0.96) return rng.pick<Json>([{}, [], [null], { $gt: '' }, { $ne: 1 }, [1, '2', null], { id: 1 }]);
  return String(rng.int(-99999, 99999));
}

/** Random text over a wide range of code units, lone surrogates included. */
export function randomText(rng: Rng, length: number): string {
  let s = '';
  for (let i = 0; i < length; i++) {
    const band = rng.next();
    const code = band < 0.6 ? rng.int(0x20, 0x7e) : band < 0.7 ? rng.int(0, 0x1f) : band < 0.85 ? rng.int(0xa0, 0x2fff) : band < 0.92 ? rng.int(0xd800, 0xdfff) : rng.int(0xe000, 0xffff);
    s += String.fromCharCode(code);
  }
  return s;
}

const HUGE_SIZES = [1_000, 10_000, 65_000, 300_000];

/** A huge string; the largest sizes are rarer so that a run stays fast. */
export function hugeString(rng: Rng): string {
  const size = rng.chance(0.85) ? rng.pick(HUGE_SIZES.slice(0, 3)) : rng.pick(HUGE_SIZES);
  const unit = rng.pick(['a', '9', ' ', 'é', '\ud83d\ude00', '<', '"', '\\', '%', String.fromCharCode(rng.int(0x21, 0x7e))]);
  return unit.repeat(Math.ceil(size / unit.length));
}

/** `leaf` buried under `depth` arrays and objects. */
/** Kept below JSON.stringify's recursion limit; deeper nesting is built as text (see mutate.ts). */
export function deepNest(rng: Rng, leaf: Json, depth = rng.pick([20, 200, 1_000])): Json {
  let v: Json = leaf;
  for (let i = 0; i < depth; i++) v = rng.chance(0.5) ? [v] : { [rng.pick(['a', 'msg', 'data', 'keys', 'measures', 'by_agent'])]: v };
  return v;
}

/** Sets an own, enumerable property even for `__proto__` (assignment would change the prototype). */
export function defineOwn(target: Record<string, Json>, key: string, value: Json): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** The value planted under a pollution key: the mark plus fields the parsers read, to tempt them. */
export function pollutionPayload(rng: Rng, knownKeys: readonly string[]): Json {
  const payload: Record<string, Json> = { [POLLUTION_MARK]: true };
  for (let i = 0; i < 3 && knownKeys.length; i++) payload[rng.pick(knownKeys)] = hostileScalar(rng);
  if (rng.chance(0.3)) defineOwn(payload, '__proto__', { [POLLUTION_MARK]: 'nested' });
  return rng.chance(0.2) ? { prototype: payload } : payload;
}
