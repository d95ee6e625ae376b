import { describe, expect, it } from 'vitest';
import { memoryLogger, oneLine } from '../../src/core/util/logger';
import { redactText, redactValue, registerSecret, registerSessionSecret } from '../../src/core/util/redact';

describe('redaction', () => {
  it('masks registered secret values wherever they appear', () => {
    registerSecret('s3cr3t-VALUE-42');
    expect(redactText('connect failed for https://x/?a=s3cr3t-VALUE-42&b=1')).not.toContain('s3cr3t-VALUE-42');
  });

  it('masks secret-named fields, headers and bearer tokens', () => {
    const out = redactValue({ login: 'sup', password: 'hunter2', headers: { Authorization: 'Bearer abc.def.ghi', appkey: 'k-123' }, nested: [{ id_session: 'sess' }] });
    expect(JSON.stringify(out)).not.toMatch(/hunter2|abc\.def\.ghi|k-123|"sess"/);
    expect(out).toMatchObject({ login: 'sup' });
    expect(redactText('X-JSON: {"login":"a","password":"pw1"}')).not.toContain('pw1');
    expect(redactText('grant_type=client_credentials&client_id=abc&client_secret=zzz999')).not.toContain('zzz999');
    expect(redactText('Authorization: Bearer eyJhbGciOi.xyz')).not.toContain('eyJhbGciOi');
  });

  it('every logger line goes through redaction', () => {
    registerSecret('tok-LOGGED-777');
    const log = memoryLogger();
    log.error('request failed with token tok-LOGGED-777', { token: 'other', url: 'https://h/?token=tok-LOGGED-777' });
    expect(log.lines.join('\n')).not.toContain('tok-LOGGED-777');
    expect(log.lines.join('\n')).not.toContain('"other"');
  });

  it('configured secrets stay masked however many session tokens rotate after them', () => {
    registerSecret('wv-config-token-PINNED-1');
    // A token endpoint answering with a one-second lifetime for days: far more than the sessions kept.
    for (let i = 0; i < 2500; i++) registerSessionSecret(`avaya-session-${i}-abcdef`);
    expect(redactText('PLEASE VALIDATE TOKEN wv-config-token-PINNED-1')).toBe('PLEASE VALIDATE TOKEN ***');
    // The recent sessions are masked; the oldest have been let go (they expired long ago).
    expect(redactText('avaya-session-2499-abcdef')).toBe('***');
    expect(redactText('x avaya-session-0-abcdef')).toBe('x avaya-session-0-abcdef');
    // A value configured after being seen as a session is kept as configured.
    registerSessionSecret('shared-value-XYZ-123');
    registerSecret('shared-value-XYZ-123');
    for (let i = 0; i < 1200; i++) registerSessionSecret(`telphin-session-${i}-abcdef`);
    expect(redactText('shared-value-XYZ-123')).toBe('***');
  });

  it('a line of the log stays one line: a vendor text cannot forge the next one or reorder it', () => {
    const log = memoryLogger();
    log.warn('unknown event type x\n2026-01-01T00:00:00.000Z ERROR [collector] forged', { name: 'Ana\u202eevil\u2028' });
    expect(log.lines).toHaveLength(1);
    expect(log.lines[0]).toContain('unknown event type x\\n2026-01-01T00:00:00.000Z ERROR [collector] forged');
    expect(log.lines[0]).toContain('Ana\\u202eevil\\u2028');
    expect(log.lines[0]).not.toMatch(/[\n\u202e\u2028]/);
    expect(oneLine('tab\there\r\u0000')).toBe('tab\\there\\r\\u0000');
    expect(oneLine('Andrés Rojas — «Ventas» Анна')).toBe('Andrés Rojas — «Ventas» Анна');
  });
});
