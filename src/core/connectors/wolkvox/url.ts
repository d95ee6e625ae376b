/**
 * Where a Wolkvox source's reports live. The server code ("0031") names the host
 * `https://wv{server}.wolkvox.com`; settings may hold a bare code, a host or a full URL, and
 * `baseUrl` overrides everything (tests and demo point it at the simulator).
 */
import type { WolkvoxSourceConfig } from '../../../shared/sources';

export const REPORTS = ['agents', 'latency', 'skills'] as const;
export type Report = (typeof REPORTS)[number];

/** The `api` query of each report (VENDORS.md §1). */
const REPORT_QUERY: Record<Report, string> = {
  latency: 'api=latency',
  agents: 'api=agents',
  skills: 'api=skills&skill_id=all',
};

const REAL_TIME_PATH = '/api/v2/real_time.php';

/** A bare server code is zero-padded to four digits ("31" → "0031"); anything else is kept. */
export function serverCode(server: string): string | null {
  const s = server.trim().replace(/^wv/i, '');
  if (/^\d{1,4}$/.test(s)) return s.padStart(4, '0');
  return /^\d+$/.test(s) ? s : null;
}

/** Base URL (scheme + host, no trailing slash) or a full `…/real_time.php` endpoint. */
export function baseUrlFor(config: Pick<WolkvoxSourceConfig, 'server' | 'baseUrl'>): string {
  if (config.baseUrl) return config.baseUrl.trim().replace(/\/+$/, '');
  const raw = String(config.server).trim().replace(/\/+$/, '');
  if (/^https?:\/\//i.test(raw)) return raw;
  const code = serverCode(raw);
  if (code) return `https://wv${code}.wolkvox.com`;
  return `https://${raw}`;
}

/** The URL of one report under a base URL. */
export function reportUrl(base: string, report: Report): string {
  const endpoint = /\.php$/i.test(base) ? base : `${base}${REAL_TIME_PATH}`;
  return `${endpoint}?${REPORT_QUERY[report]}`;
}

export { hostOf } from '../host';
