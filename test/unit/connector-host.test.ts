import { describe, expect, it } from 'vitest';
import { hostOf } from '../../src/core/connectors/host';

describe('hostOf', () => {
  it('gives the host and port of a URL, without the user info a URL may carry', () => {
    expect(hostOf('https://wv0031.wolkvox.com/api/v2?x=1')).toBe('wv0031.wolkvox.com');
    expect(hostOf('wss://127.0.0.1:8443/ws')).toBe('127.0.0.1:8443');
    expect(hostOf('https://login:s3cret@api.example.com/oauth')).toBe('api.example.com');
    // An @ after the host belongs to the query, not to user info.
    expect(hostOf('https://h.example:443?next=a@b')).toBe('h.example:443');
    expect(hostOf('not a url')).toBe('not a url');
  });
});
