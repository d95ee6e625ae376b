/**
 * The renderer main thread's tasks from a Chrome trace: wall time (`dur`) and thread CPU time
 * (`tdur`, which does not grow when a loaded machine deschedules the browser).
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

export interface MainThreadTasks {
  tasks: number;
  longestWallMs: number;
  longestCpuMs: number;
  overWall50: number;
  overCpu50: number;
  /** CPU time of all tasks, ms. */
  cpuMs: number;
}

export function mainThreadTasks(trace: Buffer): MainThreadTasks {
  const parsed = JSON.parse(trace.toString('utf8')) as { traceEvents?: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(parsed) ? parsed : (parsed.traceEvents ?? []);
  const mains = new Set(events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  const tasks = events.filter((e) => e.ph === 'X' && e.name === 'RunTask' && mains.has(`${e.pid}:${e.tid}`));
  const wall = tasks.map((t) => (t.dur ?? 0) / 1000);
  const cpu = tasks.map((t) => (t.tdur ?? t.dur ?? 0) / 1000);
  return {
    tasks: tasks.length,
    longestWallMs: Math.max(0, ...wall),
    longestCpuMs: Math.max(0, ...cpu),
    overWall50: wall.filter((d) => d > 50).length,
    overCpu50: cpu.filter((d) => d > 50).length,
    cpuMs: cpu.reduce((a, b) => a + b, 0),
  };
}
