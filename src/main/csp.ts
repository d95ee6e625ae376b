/**
 * The Content-Security-Policy of the tray app's dashboard, in one place for both ways it reaches the
 * page: the main process sends it as a header (security.ts), and the Electron renderer build writes it
 * into the page's meta tag (electron.vite.config.ts), because a header added in onHeadersReceived is
 * not guaranteed for a page loaded from file://. No imports: the build configuration loads this file.
 */

/**
 * The dashboard loads only its own scripts and styles and talks to nothing but the preload bridge:
 * no WebSocket, no fetch beyond its own files. The dev server (development only, `devOrigin`) injects
 * inline scripts and styles and needs its HMR socket.
 */
export function dashboardPolicy(devOrigin: string | null): string {
  return [
    "default-src 'none'",
    devOrigin ? "script-src 'self' 'unsafe-inline'" : "script-src 'self'",
    devOrigin ? "style-src 'self' 'unsafe-inline'" : "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    devOrigin ? `connect-src 'self' ${devOrigin.replace(/^http/, 'ws')}` : "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "frame-src 'none'",
    "worker-src 'none'",
  ].join('; ');
}

/** Directives a <meta> policy cannot carry: browsers ignore them there, with an error in the console. */
const HEADER_ONLY = new Set(['frame-ancestors', 'report-uri', 'sandbox']);

/** A policy as a <meta http-equiv> tag can carry it: the same directives but the header-only ones. */
export function metaPolicy(policy: string): string {
  return policy
    .split(';')
    .map((d) => d.trim())
    .filter((d) => d && !HEADER_ONLY.has(d.split(/\s+/)[0]!.toLowerCase()))
    .join('; ');
}

/** The meta policy of the packaged dashboard (the build never talks to a dev server). */
export const DASHBOARD_META_POLICY = metaPolicy(dashboardPolicy(null));
