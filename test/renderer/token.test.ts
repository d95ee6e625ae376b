import './helpers/dom';
import { describe, expect, it } from 'vitest';
import { streamUrl, takeToken, type TokenEnv } from '../../src/renderer/bridge/token';

function env(href: string) {
  const stored = new Map<string, string>();
  const e: TokenEnv & { url: string } = {
    url: href,
    location: { href },
    storage: { getItem: (k) => stored.get(k) ?? null, setItem: (k, v) => void stored.set(k, v), removeItem: (k) => void stored.delete(k) },
    replaceUrl: (u) => {
      e.url = u;
    },
  };
  return e;
}

describe('access token in browser mode', () => {
  it('moves ?token= from the address bar into session storage, keeping other parameters', () => {
    const e = env('http://127.0.0.1:8787/?wallboard=1&token=s3cret#/alerts');
    expect(takeToken(e)).toBe('s3cret');
    expect(e.url).toBe('/?wallboard=1#/alerts');
    // Later loads (no token in the URL) still have it.
    e.location = { href: 'http://127.0.0.1:8787/?wallboard=1' };
    expect(takeToken(e)).toBe('s3cret');
  });

  it('builds ws:// or wss:// URLs for the page origin', () => {
    expect(streamUrl({ protocol: 'http:', host: '127.0.0.1:8787' }, null)).toBe('ws://127.0.0.1:8787/api/stream?parts=1');
    expect(streamUrl({ protocol: 'https:', host: 'wall.example.com' }, 'a b&c')).toBe('wss://wall.example.com/api/stream?parts=1&token=a%20b%26c');
  });
});
