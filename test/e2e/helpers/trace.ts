/**
 * Reads a Chrome trace for the renderer main thread's tasks. `tdur` is thread (CPU) time: unlike wall
 * time it does not grow when a loaded machine deschedules the browser, so "no task over 50 ms of CPU"
 * can be asserted on a shared CI box while wall-clock long tasks are still reported.
 */
interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string };
}

export interface TaskStats {
  tasks: number;
  /** Longest task in CPU time, ms. */
  longestCpuMs: number;
  /** Longest task in wall time, ms. */
  longestWallMs: number;
  /** Tasks over 50 ms of CPU. */
  longCpu: number;
  /** Tasks over 50 ms of wall time. */
  longWall: number;
  /** CPU time of all tasks, ms. */
  cpuMs: number;
}

export function rendererTasks(traceJson: Buffer): TaskStats {
  const parsed = JSON.parse(traceJson.toString('utf8')) as { traceEvents?: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(parsed) ? parsed : (parsed.traceEvents ?? []);
  const mains = new Set(events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  const tasks = events.filter((e) => e.ph === 'X' && e.name === 'RunTask' && mains.has(`${e.pid}:${e.tid}`));
  const cpu = tasks.map((t) => (t.tdur ?? t.dur ?? 0) / 1000);
  const wall = tasks.map((t) => (t.dur ?? 0) / 1000);
  return {
    tasks: tasks.length,
    longestCpuMs: Math.round(Math.max(0, ...cpu)),
    longestWallMs: Math.round(Math.max(0, ...wall)),
    longCpu: cpu.filter((d) => d > 50).length,
    longWall: wall.filter((d) => d > 50).length,
    cpuMs: cpu.reduce((a, b) => a + b, 0),
  };
}
