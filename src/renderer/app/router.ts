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
  /** The view's filters (`#/agents?source=wv&state=paused`): a link opens a filtered view, and a reload keeps it. */
  query: Query;
}

/** Filter name → value; an empty value is no filter and is left out of the address. */
export type Query = Readonly<Record<string, string>>;

const NO_QUERY: Query = Object.freeze({});

/** A query value that must be one of `choices` (a tab, a state…): `otherwise` when it is missing or is not. */
export function choiceOf<T extends string, D extends string>(value: string | undefined, choices: readonly T[], otherwise: D): T | D {
  return (choices as readonly (string | undefined)[]).includes(value) ? (value as T) : otherwise;
}

export function parseHash(hash: string): Route {
  const whole = hash.replace(/^#\/?/, '');
  const q = whole.indexOf('?');
  const path = q < 0 ? whole : whole.slice(0, q);
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
  let query = NO_QUERY;
  if (q >= 0 && view === head) {
    const out: Record<string, string> = {};
    for (const [k, v] of new URLSearchParams(whole.slice(q + 1))) if (v) out[k] = v;
    query = out;
  }
  return { view, param, query };
}

export function hrefFor(view: View, param?: string | null, query?: Query): string {
  let search = '';
  if (query) {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) if (v) p.set(k, v);
    search = p.size ? `?${p.toString()}` : '';
  }
  return `#/${view}${param ? `/${encodeURIComponent(param)}` : ''}${search}`;
}

export function navigate(view: View, param?: string | null, query?: Query): void {
  const next = hrefFor(view, param, query);
  if (window.location.hash !== next) window.location.hash = next;
}

/**
 * Writes a view's filters into the address without a new history entry (a filter changed while
 * typing is not a step Back should go through).
 */
export function replaceQuery(view: View, param: string | null, query: Query): void {
  const next = hrefFor(view, param, query);
  if (window.location.hash === next) return;
  window.history.replaceState(window.history.state, '', next);
  for (const l of [...listeners]) l();
}

/** Maps a host `navigate` request ({view, alertId}) to a route. */
export function routeForHost(to: { view: string; alertId?: string }): Route {
  const view = (VIEWS as readonly string[]).includes(to.view) ? (to.view as View) : to.alertId ? 'alerts' : 'overview';
  return { view, param: to.alertId ?? null, query: NO_QUERY };
}

/** `replaceState` fires no `hashchange`: its subscribers are told directly. */
const listeners = new Set<() => void>();

function subscribe(l: () => void): () => void {
  listeners.add(l);
  window.addEventListener('hashchange', l);
  return () => {
    listeners.delete(l);
    window.removeEventListener('hashchange', l);
  };
}

let lastHash: string | null = null;
let lastRoute: Route = { view: 'overview', param: null, query: NO_QUERY };

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
