/**
 * Hash routes (`#/agents`, `#/alerts/<id>`): they work from file:// in the tray app and from the
 * collector alike, and let the tray open the dashboard at an alert.
 */
import { useSyncExternalStore } from 'react';

export const VIEWS = ['overview', 'agents', 'queues', 'network', 'alerts', 'events', 'sources', 'settings'] as const;
export type View = (typeof VIEWS)[number];

export interface Route {
  view: View;
  /** The rest of the path, decoded (e.g. an alert id). */
  param: string | null;
}

export function parseHash(hash: string): Route {
  const path = hash.replace(/^#\/?/, '');
  const slash = path.indexOf('/');
  const head = slash < 0 ? path : path.slice(0, slash);
  const rest = slash < 0 ? '' : path.slice(slash + 1);
  const view = (VIEWS as readonly string[]).includes(head) ? (head as View) : 'overview';
  let param: string | null = null;
  if (rest && view === head) {
    try {
      param = decodeURIComponent(rest);
    } catch {
      param = null;
    }
  }
  return { view, param };
}

export function hrefFor(view: View, param?: string | null): string {
  return `#/${view}${param ? `/${encodeURIComponent(param)}` : ''}`;
}

export function navigate(view: View, param?: string | null): void {
  const next = hrefFor(view, param);
  if (window.location.hash !== next) window.location.hash = next;
}

/** Maps a host `navigate` request ({view, alertId}) to a route. */
export function routeForHost(to: { view: string; alertId?: string }): Route {
  const view = (VIEWS as readonly string[]).includes(to.view) ? (to.view as View) : to.alertId ? 'alerts' : 'overview';
  return { view, param: to.alertId ?? null };
}

function subscribe(l: () => void): () => void {
  window.addEventListener('hashchange', l);
  return () => window.removeEventListener('hashchange', l);
}

let lastHash: string | null = null;
let lastRoute: Route = { view: 'overview', param: null };

function current(): Route {
  const h = window.location.hash;
  if (h !== lastHash) {
    lastHash = h;
    lastRoute = parseHash(h);
  }
  return lastRoute;
}

export function useRoute(): Route {
  return useSyncExternalStore(subscribe, current);
}
