// Generates the app icons in public/ (SVG + PNG) from one geometry, with no dependencies.
// Run: node apps/web/scripts/make-icons.mjs
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const out = new URL('../public/', import.meta.url);
const bg = [0x0b, 0x5d, 0x7a];
const fg = [0xff, 0xff, 0xff];

// A pillar on a 512×512 canvas, kept inside the maskable safe zone (central 80%).
const white = [
  [156, 136, 356, 176], // capital
  [196, 176, 316, 340], // shaft
  [140, 340, 372, 380], // base
];
const flutes = [
  [228, 196, 242, 322],
  [270, 196, 284, 322],
];

const inRect = (x, y, [x0, y0, x1, y1]) => x >= x0 && x < x1 && y >= y0 && y < y1;

function colourAt(x, y) {
  if (flutes.some((r) => inRect(x, y, r))) return bg;
  if (white.some((r) => inRect(x, y, r))) return fg;
  return bg;
}

function crc32(buf) {
  let c = ~0;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

function png(size) {
  const scale = 512 / size;
  const ss = 4; // supersampling per axis for smooth edges
  const raw = Buffer.alloc(size * (size * 3 + 1));
  let o = 0;
  for (let py = 0; py < size; py++) {
    raw[o++] = 0; // filter: none
    for (let px = 0; px < size; px++) {
      const acc = [0, 0, 0];
      for (let sy = 0; sy < ss; sy++)
        for (let sx = 0; sx < ss; sx++) {
          const c = colourAt((px + (sx + 0.5) / ss) * scale, (py + (sy + 0.5) / ss) * scale);
          acc[0] += c[0];
          acc[1] += c[1];
          acc[2] += c[2];
        }
      for (const v of acc) raw[o++] = Math.round(v / (ss * ss));
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // colour type: RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const hex = (c) => '#' + c.map((v) => v.toString(16).padStart(2, '0')).join('');
const rect = ([x0, y0, x1, y1], fill) =>
  `<rect x="${x0}" y="${y0}" width="${x1 - x0}" height="${y1 - y0}" fill="${fill}"/>`;
const svg = [
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512">',
  `<rect width="512" height="512" rx="96" fill="${hex(bg)}"/>`,
  ...white.map((r) => rect(r, hex(fg))),
  ...flutes.map((r) => rect(r, hex(bg))),
  '</svg>',
  '',
].join('\n');

writeFileSync(new URL('icon.svg', out), svg);
writeFileSync(new URL('icon-192.png', out), png(192));
writeFileSync(new URL('icon-512.png', out), png(512));
console.log('icons written to', out.pathname);
