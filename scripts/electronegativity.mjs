#!/usr/bin/env node
/**
 * Electron security audit with @doyensec/electronegativity over the tray app's main process, preload
 * and — when built — out/ (main and preload bundles, dashboard page and bundle).
 *
 *   node scripts/electronegativity.mjs [--sarif FILE] [--json] [--input DIR]
 *
 * The targets are copied into one temporary folder (one scan, paths relative to the project) and
 * scanned once, as the tool's own CLI does, writing SARIF (kept as test-results/electronegativity.sarif
 * or FILE for code-scanning tools). Findings are read from the SARIF; the tool's severity and
 * confidence, which its SARIF leaves out, come from the issue list of the same run. (Its CSV writer
 * races its own header write, so CSV is not used.) Every finding above INFORMATIONAL must match a
 * justification below;
 * the reasons are repeated in docs/security.md. Exit 0: nothing unjustified; 1: unjustified
 * findings; 2: the scanner could not run. The scanner tries to download translations and Electron's
 * release list first; offline it says so and goes on with what it ships. `--input DIR` scans DIR
 * instead of the project (its files keep their paths relative to DIR).
 */
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const PACKAGE = join(ROOT, 'node_modules/@doyensec/electronegativity');
const TARGETS = ['src/main', 'src/preload', 'out/main', 'out/preload', 'out/renderer'];
const SEVERITIES = ['INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH'];

/**
 * Justified findings: rule, file, a pattern the flagged source line must match and, optionally, one
 * the whole file must contain (so that a new, different use of the same API is not covered), and why
 * it is acceptable.
 */
export const JUSTIFIED = [
  ...['CONTEXT_ISOLATION_JS_CHECK', 'SANDBOX_JS_CHECK'].flatMap((rule) =>
    ['src/main/window.ts', 'out/main/index.js'].map((file) => ({
      rule,
      file,
      line: /new BrowserWindow\(/,
      anywhere: /webPreferences: dashboardWebPreferences\(/,
      reason:
        'The dashboard window takes its webPreferences from dashboardWebPreferences() (sandbox: true, contextIsolation: true, nodeIntegration: false), which the scanner does not follow into; test/main/window.test.ts pins every value.',
    })),
  ),
  ...['src/main/window.ts', 'out/main/index.js'].map((file) => ({
    rule: 'AUXCLICK_JS_CHECK',
    file,
    line: /new BrowserWindow\(/,
    anywhere: /setWindowOpenHandler|webPreferences: dashboardWebPreferences\(/,
    reason:
      'A middle click can only ask for a new window, and every new window is denied (setWindowOpenHandler → deny in src/main/security.ts, https links go to the guarded openExternal); navigation away from the app page is cancelled. Tested in test/main/security.test.ts.',
  })),
  ...['src/main/external.ts', 'out/main/index.js'].map((file) => ({
    rule: 'OPEN_EXTERNAL_JS_CHECK',
    file,
    line: /shell\.openExternal\(raw|openExternal\(url\)/,
    reason:
      'The one door to the OS browser: openExternal in src/main/external.ts opens https:// URLs only, without credentials, at most 2 KB; lint forbids shell.openExternal anywhere else, and only links the user follows reach it (no bridge command opens it). Tested in test/main/security.test.ts.',
  })),
  ...['src/main/security.ts', 'out/main/index.js'].map((file) => ({
    rule: 'CSP_GLOBAL_CHECK',
    file,
    line: /.*/,
    message: /Failed to parse CSP/,
    reason:
      "The Content-Security-Policy header of the app's pages is assembled from a list at run time, which the scanner cannot evaluate. The resulting policy is pinned by test/main/security.test.ts (default-src 'none', script-src 'self', object-src 'none', base-uri 'none', frame-ancestors 'none').",
  })),
  {
    rule: 'CSP_GLOBAL_CHECK',
    file: 'out/renderer/index.html',
    line: /Content-Security-Policy/,
    reason:
      "out/renderer holds whichever dashboard build ran last. The tray app's (electron-vite) carries the strict policy of src/main/csp.ts (default-src 'none', connect-src 'self', object-src 'none', base-uri 'none'), also sent as a header. The collector's browser build (vite.renderer.config.ts) allows connect-src ws: wss: for the collector's stream and is never the only policy: the collector sends its header policy (object-src 'none', base-uri 'none', frame-ancestors 'none'; checked in Chromium by test/e2e/security.test.ts); both are enforced together. Which build carries which policy is checked by test/packaging/renderer-csp.test.ts.",
  },
];

/** Waits for a file the scanner writes asynchronously after its promise resolves. */
async function readWhenWritten(path, timeoutMs = 10_000) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    try {
      return JSON.parse(readFileSync(path, 'utf8'));
    } catch (e) {
      if (Date.now() > end) throw new Error(`the scanner did not write ${path}`, { cause: e });
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

/** Runs the scanner in this process (its CLI calls the same function), keeping what it prints. */
async function scan(input, sarifPath, version) {
  const run = createRequire(import.meta.url)(PACKAGE);
  const said = [];
  const keep = (...a) => said.push(a.map(String).join(' '));
  const saved = { log: console.log, error: console.error, warn: console.warn };
  Object.assign(console, { log: keep, error: keep, warn: keep });
  try {
    const options = { input, output: sarifPath, isSarif: true, isRelative: true, isVerbose: false, customScan: [], excludeFromScan: [], parserPlugins: [] };
    if (version) options.electronVersionOverride = version;
    const result = await run(options, false);
    return { issues: result.issues, said: said.join('\n'), sarif: await readWhenWritten(sarifPath) };
  } finally {
    Object.assign(console, saved);
  }
}

const electronVersion = () => {
  try {
    return JSON.parse(readFileSync(join(ROOT, 'node_modules/electron/package.json'), 'utf8')).version;
  } catch {
    return String(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).devDependencies?.electron ?? '').replace(/^[^\d]*/, '');
  }
};

const slash = (p) => String(p).replace(/\\/g, '/');

export async function audit({ sarifOut = join(ROOT, 'test-results/electronegativity.sarif'), root = ROOT } = {}) {
  if (!existsSync(join(PACKAGE, 'package.json'))) throw new Error(`@doyensec/electronegativity is not installed (${PACKAGE}): run npm install`);
  const stage = mkdtempSync(join(tmpdir(), 'cctm-electronegativity-'));
  try {
    const scanned = root === ROOT ? TARGETS.filter((t) => existsSync(join(ROOT, t))) : ['.'];
    for (const t of scanned) cpSync(join(root, t), join(stage, 'scan', t), { recursive: true });
    const version = electronVersion();
    writeFileSync(join(stage, 'scan/package.json'), JSON.stringify({ name: 'cc-tray-monitor', private: true, devDependencies: { electron: version } }));
    const sarifPath = join(stage, 'report.sarif');
    const { issues, sarif, said } = await scan(join(stage, 'scan'), sarifPath, version);
    mkdirSync(dirname(sarifOut), { recursive: true });
    copyFileSync(sarifPath, sarifOut);
    const severityOf = new Map(
      issues.map((i) => [`${i.id}|${i.file === 'N/A' ? 'file:///' : slash(i.file)}|${i.location?.line ? i.location.line : 1}`, { severity: i.severity?.name ?? 'UNKNOWN', confidence: i.confidence?.name ?? 'UNKNOWN' }]),
    );
    const findings = (sarif.runs?.[0]?.results ?? []).map((r) => {
      const loc = r.locations?.[0]?.physicalLocation ?? {};
      const file = slash(loc.artifactLocation?.uri ?? 'N/A');
      const line = loc.region?.startLine ?? 0;
      const sev = severityOf.get(`${r.ruleId}|${file}|${line}`) ?? { severity: 'UNKNOWN', confidence: 'UNKNOWN' };
      let text = '';
      try {
        text = readFileSync(join(stage, 'scan', file), 'utf8');
      } catch {
        text = '';
      }
      const source = text.split('\n')[Math.max(0, line - 1)] ?? '';
      const message = r.message?.text ?? '';
      const justified = JUSTIFIED.find(
        (j) => j.rule === r.ruleId && j.file === file && j.line.test(source) && (!j.anywhere || j.anywhere.test(text)) && (!j.message || j.message.test(message)),
      );
      return { rule: r.ruleId, file, line, severity: sev.severity, confidence: sev.confidence, message, justified: justified?.reason ?? null, informational: sev.severity === 'INFORMATIONAL' };
    });
    const unjustified = findings.filter((f) => !f.justified && !f.informational);
    const unusedJustifications = JUSTIFIED.filter((j) => !findings.some((f) => f.rule === j.rule && f.file === j.file && f.justified === j.reason)).map((j) => `${j.rule} ${j.file}`);
    const offline = /No connectivity|Could not retrieve/i.test(said);
    return { scanned, electron: version, offline, sarif: sarifOut, findings, unjustified, unusedJustifications };
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}

async function main() {
  const args = process.argv.slice(2);
  const value = (flag) => {
    const i = args.indexOf(flag);
    return i >= 0 && args[i + 1] ? resolve(args[i + 1]) : undefined;
  };
  const opts = {};
  if (value('--sarif')) opts.sarifOut = value('--sarif');
  if (value('--input')) opts.root = value('--input');
  let result;
  try {
    result = await audit(opts);
  } catch (e) {
    console.error(`electronegativity could not run: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(2);
  }
  if (args.includes('--json')) {
    console.log(JSON.stringify(result));
  } else {
    console.log(`electronegativity over ${result.scanned.join(', ')} (Electron ${result.electron}${result.offline ? '; offline: no translation or release-list download' : ''})`);
    const order = (f) => -SEVERITIES.indexOf(f.severity);
    for (const f of [...result.findings].sort((x, y) => order(x) - order(y))) {
      const status = f.justified ? 'justified' : f.informational ? 'informational' : 'UNJUSTIFIED';
      console.log(`  ${f.severity.padEnd(13)} ${f.confidence.padEnd(9)} ${f.rule.padEnd(28)} ${`${f.file}:${f.line}`.padEnd(28)} ${status}`);
    }
    for (const u of result.unusedJustifications) console.log(`  note: justification no longer needed: ${u}`);
    console.log(`${result.findings.length} findings, ${result.findings.filter((f) => f.justified).length} justified, ${result.unjustified.length} unjustified; SARIF: ${result.sarif}`);
  }
  process.exit(result.unjustified.length ? 1 : 0);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
