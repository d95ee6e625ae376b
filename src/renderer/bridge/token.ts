/**
 * The collector's access token in browser mode: taken once from the page URL (`?token=`), kept in
 * sessionStorage for this tab, and removed from the address bar so it is not bookmarked or shared.
 */
const KEY = 'cctm.token';

export interface TokenEnv {
  location: Pick<Location, 'href'>;
  storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null;
  replaceUrl: (url: string) => void;
}

export function browserTokenEnv(): TokenEnv {
  let storage: Storage | null;
  try {
    storage = window.sessionStorage;
  } catch {
    storage = null; // storage disabled: the token lives only as long as the page
  }
  return {
    location: window.location,
    storage,
    replaceUrl: (url) => window.history.replaceState(window.history.state, '', url),
  };
}

let memoryToken: string | null = null;

/** Moves a `?token=` from the URL into session storage and returns the token to use, if any. */
export function takeToken(env: TokenEnv): string | null {
  const url = new URL(env.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl !== null) {
    url.searchParams.delete('token');
    env.replaceUrl(url.pathname + url.search + url.hash);
    if (fromUrl) saveToken(env, fromUrl);
  }
  return readToken(env);
}

export function readToken(env: TokenEnv): string | null {
  return env.storage?.getItem(KEY) ?? memoryToken;
}

export function saveToken(env: TokenEnv, token: string): void {
  memoryToken = token;
  env.storage?.setItem(KEY, token);
}

export function clearToken(env: TokenEnv): void {
  memoryToken = null;
  env.storage?.removeItem(KEY);
}

/** `ws(s)://host/api/stream?parts=1[&token=…]` for the page's own origin. */
export function streamUrl(location: Pick<Location, 'protocol' | 'host'>, token: string | null): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  // Snapshots in parts: a big floor's in one message would hold the page in long tasks (src/server/stream.ts).
  const q = token ? `&token=${encodeURIComponent(token)}` : '';
  return `${scheme}//${location.host}/api/stream?parts=1${q}`;
}
