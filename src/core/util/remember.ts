/**
 * `work` remembered per input string. Feeds repeat a handful of names, statuses and ids frame after
 * frame, so each is worked out once. Bounded: past `max` entries everything is forgotten and learnt
 * again; inputs longer than `maxLength` are worked out every time and not kept. Callers must not modify
 * what they get (it is shared).
 */
export function remembered<T>(work: (raw: string) => T, max: number, maxLength = Infinity): (raw: string) => T {
  const known = new Map<string, T>();
  return (raw) => {
    let v = known.get(raw);
    if (v === undefined) {
      v = work(raw);
      if (raw.length <= maxLength) {
        if (known.size >= max) known.clear();
        known.set(raw, v);
      }
    }
    return v;
  };
}
