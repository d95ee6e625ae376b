import { describe, expect, it } from 'vitest';
import { memoryLogger } from '../../src/core/util/logger';
import { redactText, redactValue, registerSecret } from '../../src/core/util/redact';

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
});
