/** Bounded polling for tests that watch real sockets. */
export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Polls `probe` every 10 ms until it is truthy; fails naming `what` (and `detail()`) after `timeoutMs`. */
export async function waitFor<T>(what: string, probe: () => T | null | undefined | false, timeoutMs = 10_000, detail?: () => string): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${detail ? `: ${detail()}` : ''}`);
    await sleep(10);
  }
}
