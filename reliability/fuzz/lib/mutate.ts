/**
 * Mutations of recorded vendor frames. Structural ones work on the decoded JSON (wrong types, missing
 * and extra fields, values moved between fields, huge strings, deep nesting, pollution keys); textual
 * ones work on the encoded bytes (truncation, duplicate keys, raw `__proto__`, nesting bombs, invalid
 * UTF-8). Every choice comes from the frame's own PRNG.
 */
import { POLLUTION_KEYS, deepNest, defineOwn, hostileScalar, hugeString, pollutionPayload, randomText, type Json } from './hostile';
import type { Rng } from './prng';

/** What a vendor's seeds teach the mutator: field names and realistic values to move around. */
export interface Pools {
  keys: string[];
  values: Json[];
}

type Container = Json[] | { [key: string]: Json };
interface Slot {
  parent: Container;
  key: string | number;
}

const isContainer = (v: Json): v is Container => typeof v === 'object' && v !== null;

/**
 * A deep copy through JSON (own `__proto__` keys survive it; structuredClone can overflow the native
 * stack on deep values, which no catch can handle), or the value itself when it is nested too deeply
 * to serialize (the encoder then repeats it as it is).
 */
function copy(v: Json): Json {
  try {
    return JSON.parse(JSON.stringify(v)) as Json;
  } catch {
    return v;
  }
}

/** Serialized length, or Infinity when the value does not serialize. */
function sizeOf(v: Json): number {
  try {
    return JSON.stringify(v).length;
  } catch {
    return Infinity;
  }
}

/** Collects the keys and scalar values found in seed frames. */
export function poolsOf(seeds: readonly Json[]): Pools {
  const keys = new Set<string>();
  const values: Json[] = [];
  const visit = (v: Json, depth: number) => {
    if (depth > 12) return;
    if (Array.isArray(v)) v.forEach((x) => visit(x, depth + 1));
    else if (isContainer(v)) {
      for (const [k, x] of Object.entries(v)) {
        keys.add(k);
        visit(x, depth + 1);
      }
    } else if (values.length < 2000) values.push(v);
  };
  seeds.forEach((s) => visit(s, 0));
  return { keys: [...keys], values };
}

/** Every slot (parent + key) in the value, breadth-first, at most `limit`. */
function slots(root: Container, limit = 400): Slot[] {
  const out: Slot[] = [];
  const queue: Container[] = [root];
  while (queue.length && out.length < limit) {
    const c = queue.shift()!;
    const keys: (string | number)[] = Array.isArray(c) ? c.map((_, i) => i) : Object.keys(c);
    for (const key of keys) {
      out.push({ parent: c, key });
      const v = (c as Record<string | number, Json>)[key]!;
      if (isContainer(v)) queue.push(v);
    }
  }
  return out;
}

const get = (s: Slot): Json => (s.parent as Record<string | number, Json>)[s.key]!;
function set(s: Slot, v: Json): void {
  if (Array.isArray(s.parent)) s.parent[s.key as number] = v;
  else defineOwn(s.parent, String(s.key), v);
}

function retype(v: Json, rng: Rng): Json {
  if (typeof v === 'number') return rng.pick<Json>([String(v), ` ${v} `, `${v}`.replace('.', ','), [v], { value: v }, v > 0 ? -v : v - 1, v * 1e6]);
  if (typeof v === 'string') {
    const n = Number(v);
    return rng.pick<Json>([Number.isFinite(n) ? n : v.length, v === '' ? null : '', v.toUpperCase(), ` ${v}\t`, [v], { value: v }, JSON.stringify(v), v.split('').reverse().join('')]);
  }
  if (typeof v === 'boolean') return rng.pick<Json>([String(v), v ? 1 : 0, null]);
  if (v === null) return rng.pick<Json>(['', 'null', 0, {}, []]);
  if (Array.isArray(v)) return rng.pick<Json>([JSON.stringify(v), v[0] ?? null, { ...v }, v.length]);
  return rng.pick<Json>([JSON.stringify(v), Object.values(v), Object.keys(v), '']);
}

function renameKey(key: string, rng: Rng): string {
  return rng.pick([key.toUpperCase(), key.toLowerCase(), ` ${key}`, `${key} `, key.replace(/_/g, '-'), key.replace(/[a-z]/, 'ａ'), `${key}\u0000`, key.slice(0, -1), `${key}${key}`]);
}

/** One structural mutation applied in place (the root itself may be replaced: the new root is returned). */
function mutateOnce(root: Json, rng: Rng, pools: Pools): Json {
  if (!isContainer(root) || rng.chance(0.03)) {
    return rng.pick<Json>([hostileScalar(rng), retype(root, rng), [root, root], { data: root }, deepNest(rng, root, rng.int(1, 30))]);
  }
  const all = slots(root);
  const containers: Container[] = [root, ...all.map(get).filter(isContainer)];
  const op = rng.int(0, 12);
  const slot = all.length ? rng.pick(all) : null;
  switch (op) {
    case 0:
    case 1:
      if (slot) set(slot, hostileScalar(rng));
      break;
    case 2:
      if (slot) set(slot, retype(get(slot), rng));
      break;
    case 3:
    case 4: {
      if (!slot) break;
      if (Array.isArray(slot.parent)) slot.parent.splice(slot.key as number, 1);
      else delete slot.parent[slot.key as string];
      break;
    }
    case 5: {
      const c = rng.pick(containers);
      const key = rng.chance(0.7) && pools.keys.length ? rng.pick(pools.keys) : randomText(rng, rng.int(0, 12));
      const value = rng.chance(0.5) && pools.values.length ? rng.pick(pools.values) : hostileScalar(rng);
      if (Array.isArray(c)) c.splice(rng.int(0, c.length), 0, rng.chance(0.5) ? { [key]: value } : value);
      else defineOwn(c, key, value);
      break;
    }
    case 6: {
      const objects = containers.filter((c): c is { [key: string]: Json } => !Array.isArray(c));
      const c = objects.length ? rng.pick(objects) : null;
      if (c) defineOwn(c, rng.pick(POLLUTION_KEYS), pollutionPayload(rng, pools.keys));
      break;
    }
    case 7: {
      const arrays = containers.filter((c): c is Json[] => Array.isArray(c) && c.length > 0);
      const a = arrays.length ? rng.pick(arrays) : null;
      if (a) {
        const item = rng.pick(a);
        // Many repeats of small records (a long report); only a few of big ones (frames stay < ~5 MB).
        const many = sizeOf(item) < 10_000 && rng.chance(0.1);
        for (let n = rng.int(1, many ? 300 : 3); n > 0; n--) a.push(copy(item));
      }
      break;
    }
    case 8:
      if (all.length >= 2) {
        const a = rng.pick(all);
        const b = rng.pick(all);
        // Copies: moving a container into its own subtree would make a cycle.
        const va = copy(get(a));
        set(a, copy(get(b)));
        set(b, va);
      }
      break;
    case 9:
      if (slot) set(slot, hugeString(rng));
      break;
    case 10:
      if (slot) set(slot, deepNest(rng, get(slot)));
      break;
    case 11: {
      if (!slot || Array.isArray(slot.parent)) break;
      const v = get(slot);
      delete slot.parent[slot.key as string];
      defineOwn(slot.parent, renameKey(String(slot.key), rng), v);
      break;
    }
    default:
      if (slot && pools.values.length) set(slot, rng.pick(pools.values));
  }
  return root;
}

/** Structural mutations of a deep copy of `seed`: one in half the frames, up to four, rarely none. */
export function mutateValue(seed: Json, rng: Rng, pools: Pools): Json {
  let v = copy(seed);
  if (rng.chance(0.04)) return v;
  for (let n = rng.chance(0.5) ? 1 : rng.int(2, 4); n > 0; n--) v = mutateOnce(v, rng, pools);
  return v;
}

const BAD_UTF8: readonly number[][] = [[0xff], [0xfe, 0xff], [0xc0, 0xaf], [0xc3], [0x80], [0xbf, 0xbf], [0xe2, 0x82], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80], [0x00]];

/** Inserts invalid UTF-8, inside a JSON string when one is found (the frame still parses). */
function badUtf8(bytes: Buffer, rng: Rng): Buffer {
  const seq = Buffer.from(rng.pick(BAD_UTF8));
  let at = rng.int(0, bytes.length);
  if (rng.chance(0.7)) {
    const quotes: number[] = [];
    for (let i = 0; i < bytes.length && quotes.length < 200; i++) if (bytes[i] === 0x22) quotes.push(i + 1);
    if (quotes.length) at = rng.pick(quotes);
  }
  return Buffer.concat([bytes.subarray(0, at), seq, bytes.subarray(at)]);
}

/** A raw-text mutation; may return bytes that are not valid UTF-8. */
function mutateText(text: string, rng: Rng, pools: Pools): string | Buffer {
  const key = pools.keys.length ? rng.pick(pools.keys) : 'id';
  const brace = text.indexOf('{');
  const insertAfterBrace = (s: string) => (brace < 0 ? text : `${text.slice(0, brace + 1)}${s}${text.slice(brace + 1)}`);
  switch (rng.int(0, 10)) {
    case 0:
      return text.slice(0, rng.int(0, text.length));
    case 1:
      return insertAfterBrace(`"${key}":${JSON.stringify(hostileScalar(rng))},`);
    case 2:
      return insertAfterBrace(`"__proto__":{"cctmFuzzPolluted":true,"${key}":1},`);
    case 3:
      return insertAfterBrace(`"constructor":{"prototype":{"cctmFuzzPolluted":true}},`);
    case 4: {
      const depth = rng.pick([100, 1_000, 10_000, 100_000]);
      return `${'['.repeat(depth)}${text}${']'.repeat(depth)}`;
    }
    case 5:
      return rng.pick(['\ufeff', ' \n\t', '\u0000', ')]}\'\n']) + text;
    case 6:
      return text + rng.pick(['x', '}', ',', '\u0000', '{"more":1}', '\n'.repeat(3)]);
    case 7: {
      const at = rng.int(0, Math.max(0, text.length - 1));
      return text.slice(0, at) + String.fromCharCode(rng.int(0, 0xffff)) + text.slice(at + 1);
    }
    case 8:
      return text.replace(/-?\d+(\.\d+)?/, rng.pick(['1e999', '-1e999', '123456789012345678901234567890', '-0', '0.0000000000000000001', '1E+2']));
    case 9:
      return text.replace(/"/g, rng.pick(['\u201c', "'", '\\"']));
    default:
      return badUtf8(Buffer.from(text, 'utf8'), rng);
  }
}

/** The encoded frame: the value's JSON, and in a fifth of the frames a textual mutation on top. */
export function encode(value: Json, rng: Rng, pools: Pools): Buffer {
  let text: string;
  try {
    text = JSON.stringify(value);
  } catch {
    text = String(value);
  }
  if (!rng.chance(0.2)) return Buffer.from(text, 'utf8');
  const out = mutateText(text, rng, pools);
  return typeof out === 'string' ? Buffer.from(out, 'utf8') : out;
}
