/**
 * Serves the dashboard build and nothing else: paths are decoded once, normalized, and must stay
 * inside the build folder (no traversal, no dotfiles, no symlinks out of it).
 */
import { createReadStream, realpathSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** CSP of the dashboard: no inline scripts, connections only to this origin. */
export const DASHBOARD_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self' ws: wss:; font-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

export const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy': DASHBOARD_CSP,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=()',
};

export function createStaticHandler(rootDir: string) {
  let root: string | null = null;
  const getRoot = () => {
    if (root) return root;
    try {
      root = realpathSync(rootDir);
    } catch {
      return null;
    }
    return root;
  };

  return function serveStatic(req: IncomingMessage, res: ServerResponse, pathname: string): void {
    const base = getRoot();
    const reading = req.method === 'GET' || req.method === 'HEAD';
    if (!base && !reading) return notFound(res);
    if (!base) {
      res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('The dashboard is not built yet: run `npm run build:renderer` (npm run demo / npm run collector do it for you).');
      return;
    }
    let rel: string;
    try {
      rel = decodeURIComponent(pathname);
    } catch {
      res.writeHead(400, { 'content-type': 'text/plain' });
      res.end('bad path');
      return;
    }
    if (rel.includes('\0') || rel.split(/[\\/]/).some((part) => part.startsWith('.') && part.length > 0)) {
      return notFound(res);
    }
    if (rel === '/' || rel === '') rel = '/index.html';
    const target = normalize(join(base, rel));
    if (target !== base && !target.startsWith(base + sep)) return notFound(res);
    let real: string;
    try {
      real = realpathSync(target);
      if (real !== base && !real.startsWith(base + sep)) return notFound(res);
      if (!statSync(real).isFile()) return notFound(res);
    } catch {
      return notFound(res);
    }
    // Unknown routes 404 whatever the method; a file that exists is only read.
    if (!reading) {
      res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain' });
      res.end('method not allowed');
      return;
    }
    const type = TYPES[extname(real).toLowerCase()] ?? 'application/octet-stream';
    const immutable = real.includes(`${sep}assets${sep}`);
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'content-type': type,
      'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    });
    if (req.method === 'HEAD') return void res.end();
    createReadStream(real)
      .on('error', () => res.destroy())
      .pipe(res);
  };
}

function notFound(res: ServerResponse): void {
  res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
  res.end('not found');
}
