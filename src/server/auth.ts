/** Access-token checks for the collector API, in constant time. */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

const digest = (s: string) => createHash('sha256').update(s).digest();

export function tokensEqual(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), digest(expected));
}

/** Reads a bearer token from the Authorization header or, for WebSockets, the `token` query parameter. */
export function presentedToken(req: IncomingMessage, url: URL, allowQuery: boolean): string | null {
  const h = req.headers.authorization;
  if (typeof h === 'string') {
    const m = /^Bearer\s+(\S+)$/i.exec(h.trim());
    if (m) return m[1]!;
  }
  if (allowQuery) return url.searchParams.get('token');
  return null;
}

export function authorized(req: IncomingMessage, url: URL, expected: string | undefined, allowQuery = false): boolean {
  if (!expected) return true;
  const token = presentedToken(req, url, allowQuery);
  return token !== null && tokensEqual(token, expected);
}

export function isLoopbackAddress(host: string): boolean {
  return /^(127(?:\.\d{1,3}){3}|::1|localhost|\[::1\])$/i.test(host);
}
