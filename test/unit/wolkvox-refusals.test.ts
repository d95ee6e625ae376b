import { describe, expect, it } from 'vitest';
import { readEnvelope } from '../../src/core/connectors/wolkvox/parse';
import { judge } from '../../src/core/connectors/wolkvox/refusals';
import { fixture } from './wolkvox-fixtures';

const NOW = new Date(2026, 10, 21, 15, 30, 0).getTime();
const refusals = fixture('refusals') as Record<string, unknown>;
const judgeBody = (status: number, key: string, report: 'agents' | 'latency' | 'skills' = 'agents') =>
  judge(status, JSON.stringify(refusals[key]), readEnvelope(refusals[key]), report, 'wv0031.wolkvox.com', NOW);

describe('Wolkvox refusals', () => {
  it('PLEASE VALIDATE TOKEN is an auth failure that says to check the token and the firewall', () => {
    const v = judgeBody(403, 'validateToken');
    expect(v.kind).toBe('auth');
    expect(v.kind !== 'ok' && v.message).toBe(
      "Wolkvox rejected the token (403 PLEASE VALIDATE TOKEN): check the token in the Sources view, and that this machine's public IP is allowed in the Wolkvox firewall.",
    );
  });

  it('a 200 whose envelope says 403 is judged by the envelope', () => {
    expect(judgeBody(200, 'envelopeOnly').kind).toBe('auth');
  });

  it('TOKEN LIMIT EXCEEDED pauses until midnight here and says until when', () => {
    const v = judgeBody(403, 'tokenLimit');
    if (v.kind !== 'token_limit') throw new Error(v.kind);
    expect(v.until).toBe(new Date(2026, 10, 22, 0, 0, 0).getTime());
    expect(v.message).toContain('polling is paused until 2026-11-22 00:00 (midnight here, when the quota resets)');
  });

  it("with the source's time zone set, the pause lasts until midnight there, written in this computer's time", () => {
    const at = Date.UTC(2026, 10, 21, 3, 0, 0); // 22:00 on the 20th in Bogotá
    const body = refusals.tokenLimit;
    const v = judge(403, JSON.stringify(body), readEnvelope(body), 'agents', 'wv0031.wolkvox.com', at, 0, 'America/Bogota');
    if (v.kind !== 'token_limit') throw new Error(v.kind);
    expect(v.until).toBe(Date.UTC(2026, 10, 21, 5, 0, 0));
    const here = new Date(v.until);
    const pad = (n: number) => String(n).padStart(2, '0');
    expect(v.message).toContain(`paused until ${here.getFullYear()}-${pad(here.getMonth() + 1)}-${pad(here.getDate())} ${pad(here.getHours())}:00 (midnight in America/Bogota, when the quota resets)`);
    // Refused again soon after the pause: tried hourly, never past the next midnight there.
    const late = judge(403, JSON.stringify(body), readEnvelope(body), 'agents', 'wv0031.wolkvox.com', v.until + 60_000, v.until, 'America/Bogota');
    expect(late).toMatchObject({ kind: 'token_limit', until: v.until + 60_000 + 3_600_000 });
    expect(late.kind !== 'ok' && late.message).toMatch(/^Wolkvox daily token quota is still spent after midnight in America\/Bogota \(403 TOKEN LIMIT EXCEEDED\)/);
  });

  it('simultaneous use and 429 are short waits; any other 403 is maintenance or firewall', () => {
    expect(judgeBody(403, 'simultaneous').kind).toBe('simultaneous');
    expect(judge(429, '', null, 'agents', 'h', NOW).kind).toBe('simultaneous');
    const v = judgeBody(403, 'maintenance', 'latency');
    expect(v.kind).toBe('maintenance');
    expect(v.kind !== 'ok' && v.message).toMatch(/latency report \(403 SERVICE TEMPORARILY UNAVAILABLE\).*maintenance.*firewall/);
  });

  it('400 names the report; 404 points at the server code; 401 says the token did not arrive', () => {
    const bad = judgeBody(400, 'badRequest', 'skills');
    expect(bad).toEqual({
      kind: 'config',
      message: 'Wolkvox refused the skills report (400 API NOT FOUND): check the server code in the Sources view and that this report is enabled for the token.',
      problem: { code: 'report_refused', params: { report: 'skills' } },
    });
    expect(judge(404, 'Not found', null, 'agents', 'wv0031.wolkvox.com', NOW)).toMatchObject({
      kind: 'config',
      message: expect.stringContaining('server code or base URL'),
      problem: { code: 'not_found' },
    });
    expect(judgeBody(401, 'missingToken')).toMatchObject({
      kind: 'auth',
      message: expect.stringContaining('did not receive the token (401 TOKEN HEADER IS REQUIRED)'),
      problem: { code: 'wolkvox_token_missing' },
    });
  });

  it('5xx is a server problem (retry); an HTML body is shown without tags', () => {
    expect(judge(502, '<html><body>502 Bad Gateway</body></html>', null, 'agents', 'h', NOW)).toEqual({
      kind: 'server',
      message: 'Wolkvox answered 502 to the agents report at h (502 Bad Gateway): the server has a problem; if this lasts, contact Wolkvox support.',
      problem: { code: 'server_error', params: { status: 502 } },
    });
  });

  it('a 200 plain-text refusal is still a refusal; a normal 200 is fine', () => {
    expect(judge(200, 'TOKEN LIMIT EXCEEDED', null, 'agents', 'h', NOW).kind).toBe('token_limit');
    expect(judge(200, '{}', readEnvelope({ code: 200, error: null, msg: '3 records were found', data: [] }), 'agents', 'h', NOW).kind).toBe('ok');
  });
});
