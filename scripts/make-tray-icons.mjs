#!/usr/bin/env node
/**
 * Generates the tray icons (resources/tray/{ok,warning,critical,stale}.png at 16×16 and
 * {level}@2x.png at 32×32) and the app icon (resources/icon.png, 512×512). Each level differs in
 * colour AND shape, so it reads without colour vision too:
 *   ok        green filled circle
 *   warning   amber triangle with a dark "!"
 *   critical  red octagon with a white bar
 *   stale     grey hollow ring with a dash
 * Shapes are drawn by coverage (16×16 sub-samples per pixel for tray sizes, 4×4 for the app icon) and written with a small PNG encoder
 * over node:zlib, so the output is byte-for-byte reproducible. Usage: node scripts/make-tray-icons.mjs [outDir]
 */
import { deflateSync } from 'node:zlib';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = process.argv[2] ?? join(root, 'resources');

// ---- PNG encoding -------------------------------------------------------------------------------
const CRC_TABLE = new Uint32Array(256).map((_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** RGBA pixels (Uint8Array, width×height×4) → PNG bytes (8-bit RGBA, no interlace). */
export function encodePng(width, height, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type RGBA
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = 0; // filter: none
    Buffer.from(rgba.buffer, rgba.byteOffset + y * width * 4, width * 4).copy(raw, y * (width * 4 + 1) + 1);
  }
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

// ---- drawing (shapes in a unit square, 0..1) ----------------------------------------------------
/** Paints layers in order; each layer is [inside(x, y) → boolean, [r, g, b, a]]. */
function render(size, layers) {
  const SUB = size >= 128 ? 4 : 16;
  const px = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (const [inside, [lr, lg, lb, la]] of layers) {
        let hits = 0;
        for (let sy = 0; sy < SUB; sy++) {
          for (let sx = 0; sx < SUB; sx++) if (inside((x + (sx + 0.5) / SUB) / size, (y + (sy + 0.5) / SUB) / size)) hits++;
        }
        const cov = (hits / (SUB * SUB)) * (la / 255);
        if (!cov) continue;
        // "over" compositing, straight alpha
        const na = cov + a * (1 - cov);
        r = (lr * cov + r * a * (1 - cov)) / na;
        g = (lg * cov + g * a * (1 - cov)) / na;
        b = (lb * cov + b * a * (1 - cov)) / na;
        a = na;
      }
      const i = (y * size + x) * 4;
      px[i] = Math.round(r);
      px[i + 1] = Math.round(g);
      px[i + 2] = Math.round(b);
      px[i + 3] = Math.round(a * 255);
    }
  }
  return px;
}

const circle = (cx, cy, rad) => (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= rad * rad;
const ring = (cx, cy, outer, inner) => (x, y) => {
  const d = (x - cx) ** 2 + (y - cy) ** 2;
  return d <= outer * outer && d >= inner * inner;
};
const rect = (x0, y0, x1, y1) => (x, y) => x >= x0 && x <= x1 && y >= y0 && y <= y1;
const roundRect = (x0, y0, x1, y1, rad) => (x, y) => {
  if (x < x0 || x > x1 || y < y0 || y > y1) return false;
  const cx = Math.min(Math.max(x, x0 + rad), x1 - rad);
  const cy = Math.min(Math.max(y, y0 + rad), y1 - rad);
  return (x - cx) ** 2 + (y - cy) ** 2 <= rad * rad;
};
/** Convex polygon (points clockwise in screen coordinates). */
const polygon = (pts) => (x, y) => {
  for (let i = 0; i < pts.length; i++) {
    const [ax, ay] = pts[i];
    const [bx, by] = pts[(i + 1) % pts.length];
    if ((bx - ax) * (y - ay) - (by - ay) * (x - ax) < 0) return false;
  }
  return true;
};
const octagon = (cx, cy, rad) => polygon(Array.from({ length: 8 }, (_, i) => [cx + rad * Math.cos(((i + 0.5) * Math.PI) / 4), cy + rad * Math.sin(((i + 0.5) * Math.PI) / 4)]));
const inset = (pts, by) => {
  const cx = pts.reduce((s, p) => s + p[0], 0) / pts.length;
  const cy = pts.reduce((s, p) => s + p[1], 0) / pts.length;
  return pts.map(([x, y]) => [cx + (x - cx) * (1 - by), cy + (y - cy) * (1 - by)]);
};

const GREEN = [46, 160, 67, 255];
const GREEN_DARK = [26, 110, 44, 255];
const AMBER = [245, 166, 35, 255];
const AMBER_DARK = [176, 110, 0, 255];
const RED = [218, 45, 45, 255];
const RED_DARK = [150, 20, 20, 255];
const GREY = [128, 134, 142, 255];
const WHITE = [255, 255, 255, 255];
const INK = [40, 32, 10, 255];

const TRIANGLE = [
  [0.5, 0.06],
  [0.97, 0.92],
  [0.03, 0.92],
];

export const TRAY_ICONS = {
  ok: [
    [circle(0.5, 0.5, 0.46), GREEN_DARK],
    [circle(0.5, 0.5, 0.38), GREEN],
  ],
  warning: [
    [polygon(TRIANGLE), AMBER_DARK],
    [polygon(inset(TRIANGLE, 0.16)), AMBER],
    [rect(0.44, 0.34, 0.56, 0.64), INK],
    [rect(0.44, 0.71, 0.56, 0.82), INK],
  ],
  critical: [
    [octagon(0.5, 0.5, 0.5), RED_DARK],
    [octagon(0.5, 0.5, 0.42), RED],
    [rect(0.2, 0.41, 0.8, 0.59), WHITE],
  ],
  stale: [
    [ring(0.5, 0.5, 0.46, 0.3), GREY],
    [rect(0.3, 0.43, 0.7, 0.57), GREY],
  ],
};

/** The app icon: a navy rounded square with a white headset and a green "live" dot. */
const APP_ICON = [
  [roundRect(0.04, 0.04, 0.96, 0.96, 0.2), [28, 56, 96, 255]],
  [(x, y) => ring(0.5, 0.52, 0.3, 0.245)(x, y) && y <= 0.56, WHITE],
  [roundRect(0.17, 0.48, 0.31, 0.72, 0.05), WHITE],
  [roundRect(0.69, 0.48, 0.83, 0.72, 0.05), WHITE],
  [(x, y) => ring(0.5, 0.62, 0.22, 0.18)(x, y) && y >= 0.66 && x <= 0.6, WHITE],
  [circle(0.6, 0.83, 0.045), WHITE],
  [circle(0.79, 0.21, 0.1), [28, 56, 96, 255]],
  [circle(0.79, 0.21, 0.075), GREEN],
];

function write(path, size, layers) {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, encodePng(size, size, render(size, layers)));
  return path;
}

export function makeAll(dir = outDir) {
  const written = [];
  for (const [level, layers] of Object.entries(TRAY_ICONS)) {
    written.push(write(join(dir, 'tray', `${level}.png`), 16, layers));
    written.push(write(join(dir, 'tray', `${level}@2x.png`), 32, layers));
  }
  written.push(write(join(dir, 'icon.png'), 512, APP_ICON));
  return written;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  for (const p of makeAll()) console.log(`wrote ${p}`);
}
