/** The simulator child process, driven over JSON lines (see sim-child.ts). */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';
import { join } from 'node:path';

export interface Ready {
  [key: string]: string | number;
}

export class SimChild {
  private readonly waiting: { key: string; resolve: (v: Record<string, unknown>) => void }[] = [];

  private constructor(
    private readonly proc: ChildProcessWithoutNullStreams,
    readonly ready: Ready,
  ) {}

  static async start(kind: string): Promise<SimChild> {
    const proc = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'sim-child.ts'), kind], {
      cwd: join(import.meta.dirname, '../..'),
      env: { ...process.env, CCTM_LOG_LEVEL: 'error' },
    });
    proc.stderr.on('data', (d: Buffer) => process.stderr.write(`[${kind} simulator] ${d.toString()}`));
    const lines = createInterface({ input: proc.stdout });
    let child: SimChild | null = null;
    const ready = await new Promise<Ready>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the ${kind} simulator did not start within 60 s`)), 60_000);
      proc.once('exit', (code) => reject(new Error(`the ${kind} simulator exited (${code}) before it was ready`)));
      lines.on('line', (line) => {
        const msg = JSON.parse(line) as Record<string, unknown>;
        if (msg.ready) {
          clearTimeout(timer);
          resolve(msg.ready as Ready);
          return;
        }
        const i = child?.waiting.findIndex((w) => w.key in msg) ?? -1;
        if (child && i >= 0) child.waiting.splice(i, 1)[0]!.resolve(msg);
      });
    });
    child = new SimChild(proc, ready);
    return child;
  }

  /** Sends a command; resolves with the first answer carrying `answerKey`. */
  command(cmd: Record<string, unknown>, answerKey: string, timeoutMs = 300_000): Promise<Record<string, unknown>> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${answerKey} answer from the simulator within ${timeoutMs} ms`)), timeoutMs);
      this.waiting.push({
        key: answerKey,
        resolve: (v) => {
          clearTimeout(timer);
          resolve(v);
        },
      });
      this.proc.stdin.write(`${JSON.stringify(cmd)}\n`);
    });
  }

  async subscribers(): Promise<number> {
    return Number((await this.command({ cmd: 'subscribers' }, 'subscribers')).subscribers);
  }

  async stop(): Promise<void> {
    if (this.proc.exitCode !== null) return;
    const exited = new Promise<void>((r) => this.proc.once('exit', () => r()));
    this.proc.stdin.end(`${JSON.stringify({ cmd: 'stop' })}\n`);
    const timer = setTimeout(() => this.proc.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }
}
