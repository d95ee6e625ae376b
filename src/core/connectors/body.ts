/**
 * Reading a vendor's HTTP answer with a ceiling: the bytes are counted as they arrive, and an answer
 * that passes the ceiling is cancelled where it stands instead of being held whole. `Response.text()`
 * has no ceiling: a server (or anything answering in its place) that sends without end would fill
 * the memory, and past 2 GB V8 cannot even make the string and ends the process.
 */

/** What an answer over its ceiling reads as, where a caller shows the answer's text. */
export function tooLargeText(maxBytes: number): string {
  return `(answer larger than ${formatBytes(maxBytes)}, not read)`;
}

export function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${Math.round(n / (1024 * 1024))} MB` : n >= 1000 ? `${Math.round(n / 1024)} KB` : `${n} bytes`;
}

/**
 * The answer's body as UTF-8 text, or null when it is longer than `maxBytes` (the rest is not read).
 * Network errors while reading propagate, as `Response.text()`'s would.
 */
export async function readTextCapped(res: Response, maxBytes: number): Promise<string | null> {
  if (!res.body) return '';
  const declared = Number(res.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await res.body.cancel().catch(() => undefined);
    return null;
  }
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  // A body that came in one piece is decoded where it lies (no copy).
  if (chunks.length === 1) {
    const only = chunks[0]!;
    return Buffer.from(only.buffer, only.byteOffset, only.byteLength).toString('utf8');
  }
  return Buffer.concat(chunks, size).toString('utf8');
}
