/** Where the renderer's main thread spends its time: a CPU profile over CDP, by function, self time. */
import type { CDPSession } from 'playwright-core';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}

export interface Hotspot {
  fn: string;
  where: string;
  selfMs: number;
  sharePct: number;
}

export async function profileFor(cdp: CDPSession, ms: number, top = 12): Promise<Hotspot[]> {
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  await new Promise((r) => setTimeout(r, ms));
  const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] } };
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const n = byId.get(id);
    if (!n) return;
    const dt = (profile.timeDeltas[i] ?? 0) / 1000;
    const f = n.callFrame;
    if (f.functionName === '(idle)') return;
    total += dt;
    const file = f.url ? f.url.replace(/^.*\//, '') : '';
    const key = `${f.functionName || '(anonymous)'}\u0000${file ? `${file}:${f.lineNumber + 1}:${f.columnNumber + 1}` : f.functionName}`;
    self.set(key, (self.get(key) ?? 0) + dt);
  });
  return [...self]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([key, selfMs]) => {
      const [fn, where] = key.split('\u0000') as [string, string];
      return { fn, where, selfMs, sharePct: total ? (selfMs / total) * 100 : 0 };
    });
}
