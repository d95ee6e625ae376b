import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';

const ROOT = join(__dirname, '..', '..');
const LEVELS = ['ok', 'warning', 'critical', 'stale'] as const;

/** Decodes the 8-bit RGBA, unfiltered PNGs the generator writes. */
function decode(buf: Buffer) {
  expect(buf.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  let o = 8;
  let width = 0;
  let height = 0;
  const idat: Buffer[] = [];
  while (o < buf.length) {
    const len = buf.readUInt32BE(o);
    const type = buf.toString('ascii', o + 4, o + 8);
    const data = buf.subarray(o + 8, o + 8 + len);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      expect([data[8], data[9]]).toEqual([8, 6]);
    }
    if (type === 'IDAT') idat.push(data);
    o += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const at = (x: number, y: number) => {
    const i = y * (width * 4 + 1) + 1 + x * 4;
    return [raw[i]!, raw[i + 1]!, raw[i + 2]!, raw[i + 3]!];
  };
  return { width, height, at };
}

let out: string;
beforeAll(() => {
  out = mkdtempSync(join(tmpdir(), 'icons-'));
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'make-tray-icons.mjs'), out], { encoding: 'utf8', timeout: 60_000 });
  expect(r.status, r.stderr).toBe(0);
});
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('tray and app icons', () => {
  it('the committed icons are exactly what the generator produces', () => {
    for (const level of LEVELS) {
      for (const file of [`${level}.png`, `${level}@2x.png`]) {
        expect(readFileSync(join(ROOT, 'resources', 'tray', file)).equals(readFileSync(join(out, 'tray', file))), file).toBe(true);
      }
    }
    expect(readFileSync(join(ROOT, 'resources', 'icon.png')).equals(readFileSync(join(out, 'icon.png')))).toBe(true);
  });

  it('have the sizes Electron expects (16×16, @2x 32×32, app icon 512×512) and transparent corners', () => {
    for (const level of LEVELS) {
      const one = decode(readFileSync(join(out, 'tray', `${level}.png`)));
      const two = decode(readFileSync(join(out, 'tray', `${level}@2x.png`)));
      expect([one.width, one.height, two.width, two.height]).toEqual([16, 16, 32, 32]);
      expect(one.at(0, 0)[3]).toBe(0);
      expect(two.at(31, 0)[3]).toBe(0);
    }
    const app = decode(readFileSync(join(out, 'icon.png')));
    expect([app.width, app.height]).toEqual([512, 512]);
    expect(app.at(256, 480)[3]).toBe(255);
  });

  it('tell levels apart by colour and by shape', () => {
    const icon = (level: string) => decode(readFileSync(join(out, 'tray', `${level}@2x.png`)));
    const ok = icon('ok');
    const [r, g, b] = ok.at(16, 16);
    expect(g! > r! && g! > b!).toBe(true); // green, filled centre
    const warning = icon('warning');
    expect(warning.at(3, 3)[3]).toBe(0); // triangle: empty top corners
    const [wr, wg, wb] = warning.at(10, 24);
    expect(wr! > 200 && wg! > 120 && wb! < 80).toBe(true); // amber
    const critical = icon('critical');
    const [cr, cg] = critical.at(16, 6);
    expect(cr! > 180 && cg! < 80).toBe(true); // red
    expect(critical.at(16, 16).slice(0, 3)).toEqual([255, 255, 255]); // white bar
    const stale = icon('stale');
    expect(stale.at(16, 9)[3]).toBe(0); // hollow ring
    expect(stale.at(16, 16)[3]).toBe(255); // with a dash
    const [sr, sg, sb] = stale.at(16, 16);
    expect(Math.max(sr!, sg!, sb!) - Math.min(sr!, sg!, sb!)).toBeLessThan(20); // grey
  });
});
