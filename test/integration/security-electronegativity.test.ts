/**
 * The Electron security audit (@doyensec/electronegativity via scripts/electronegativity.mjs) over
 * src/main, src/preload and the build in out/ when present: every finding above INFORMATIONAL is
 * justified in the script (and docs/security.md), and the gate does fail on an insecure window.
 * The scanner tries the network for translations and Electron's release list first and goes on
 * offline; a run takes about ten seconds.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');

interface Finding {
  rule: string;
  file: string;
  line: number;
  severity: string;
  justified: string | null;
}
interface Audit {
  scanned: string[];
  findings: Finding[];
  unjustified: Finding[];
  sarif: string;
}

function audit(args: string[]): { status: number | null; result: Audit; stderr: string } {
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts/electronegativity.mjs'), '--json', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 150_000 });
  const line = r.stdout.trim().split('\n').at(-1) ?? '';
  if (!line.startsWith('{')) throw new Error(`the audit printed no result (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
  return { status: r.status, result: JSON.parse(line) as Audit, stderr: r.stderr };
}

describe('Electron security audit (electronegativity)', () => {
  it('finds nothing unjustified in the tray app', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cctm-audit-'));
    try {
      const sarifPath = join(dir, 'report.sarif');
      const { status, result } = audit(['--sarif', sarifPath]);
      expect(result.scanned).toEqual(expect.arrayContaining(['src/main', 'src/preload']));
      expect(result.unjustified.map((f) => `${f.severity} ${f.rule} ${f.file}:${f.line}`)).toEqual([]);
      expect(status).toBe(0);
      const sarif = JSON.parse(readFileSync(sarifPath, 'utf8'));
      expect(sarif.version).toBe('2.1.0');
      expect(sarif.runs[0].tool.driver.name).toBe('Electronegativity');
      expect(sarif.runs[0].results).toHaveLength(result.findings.length);
      for (const f of result.findings) expect(f.severity).toMatch(/^(INFORMATIONAL|LOW|MEDIUM|HIGH)$/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);

  it('fails on a window without sandbox and context isolation', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cctm-audit-bad-'));
    try {
      mkdirSync(join(dir, 'src/main'), { recursive: true });
      writeFileSync(
        join(dir, 'src/main/window.ts'),
        "import { BrowserWindow } from 'electron';\nexport const w = new BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false, sandbox: false } });\nw.loadURL('http://example.com/');\n",
      );
      const { status, result } = audit(['--input', dir, '--sarif', join(dir, 'bad.sarif')]);
      expect(status).toBe(1);
      const rules = result.unjustified.map((f) => f.rule);
      // Justifications are tied to the dashboard window's pinned preferences, not to any window.
      expect(rules).toEqual(expect.arrayContaining(['CONTEXT_ISOLATION_JS_CHECK', 'SANDBOX_JS_CHECK', 'HTTP_RESOURCES_JS_CHECK']));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
