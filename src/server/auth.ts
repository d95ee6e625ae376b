/**
 * Who may talk to the collector: access-token checks in constant time, and — for a collector without
 * a token, which only listens on loopback — the checks that keep web pages out: the Host a request
 * names must be a loopback name (a page on a rebound domain names its own), and a browser's request
 * from another origin (a cross-site POST, a WebSocket) is refused.
 */
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

/** The host name of a Host header ("127.0.0.1:8787" → "127.0.0.1", "[::1]:8787" → "::1"); null when malformed. */
function hostName(header: string): string | null {
  const m = /^(\[[0-9a-f:.]+\]|[^:[\]]+)(?::\d{1,5})?$/i.exec(header.trim());
  if (!m) return null;
  return m[1]!.replace(/^\[|\]$/g, '');
}

/**
 * Why a request must be refused before it is read, or null. Without an access token the collector
 * listens on loopback only (startCollector refuses otherwise), and so it must be named by a loopback
 * Host: a DNS-rebinding page names its own domain. Any request a browser marks with an Origin must come
 * from a page of this collector (the same Host), so that no other site can post to the API or open the
 * stream. Clients that send no Origin (scripts, a tray app in team mode) are not browsers' pages.
 */
export function originRefusal(req: IncomingMessage, accessToken: string | undefined): string | null {
  const host = req.headers.host;
  if (!accessToken && host !== undefined) {
    const name = hostName(host);
    if (name === null || !isLoopbackAddress(name)) return 'this collector answers only to a loopback address (127.0.0.1, localhost) without an access token';
  }
  const origin = req.headers.origin;
  if (origin === undefined) return null;
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    return 'malformed Origin header';
  }
  return originHost === host ? null : 'requests from pages of another origin are refused';
}
