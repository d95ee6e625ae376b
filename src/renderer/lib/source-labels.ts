/**
 * Short labels for a narrow Source column: the words every source's name shares at its start or its
 * end say nothing about which source a row comes from, so they are left out ("Wolkvox Bogotá",
 * "Wolkvox Medellín" → "Bogotá", "Medellín"; "Wolkvox (demo)", "Avaya AXP (demo)" → "Wolkvox",
 * "Avaya AXP"). Names stay whole when that would leave one of them empty, or when there is only one.
 */
export function shortSourceLabels(names: readonly string[]): Map<string, string> {
  const words = names.map((n) => n.trim().split(/\s+/));
  const out = new Map(names.map((n) => [n, n]));
  if (new Set(names).size < 2) return out;
  const shortest = Math.min(...words.map((w) => w.length));
  const same = (pick: (w: string[]) => string | undefined) => {
    const first = pick(words[0]!);
    return first !== undefined && words.every((w) => pick(w) === first);
  };
  let head = 0;
  while (head < shortest - 1 && same((w) => w[head])) head++;
  let tail = 0;
  while (head + tail < shortest - 1 && same((w) => w[w.length - 1 - tail])) tail++;
  if (!head && !tail) return out;
  names.forEach((n, i) => {
    const w = words[i]!;
    out.set(n, w.slice(head, w.length - tail).join(' '));
  });
  return out;
}
