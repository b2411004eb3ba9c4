/**
 * The installer icons in build/: containers read back byte by byte (an independent reader, not
 * the writer in build/icon-source), every image the size its slot promises, electron-builder's
 * own icon check satisfied, and the artwork real (transparent corners, a busy opaque middle),
 * not a placeholder square.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { convertIcon } from 'app-builder-lib/out/util/iconConverter';
import { encodeDib, encodeIcns, encodeIco } from '../../build/icon-source/icon-containers';

const BUILD = join(__dirname, '../../build');
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

interface Rgba {
  readonly width: number;
  readonly height: number;
  readonly pixel: (x: number, y: number) => [number, number, number, number];
  readonly distinctColours: number;
}

/** Decodes an 8-bit RGBA, non-interlaced PNG (what Chromium's canvas writes). */
function decodePng(bytes: Buffer): Rgba {
  expect([...bytes.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
  let offset = 8;
  let width = 0;
  let height = 0;
  const idat: Buffer[] = [];
  while (offset < bytes.length) {
    const length = bytes.readUInt32BE(offset);
    const type = bytes.toString('ascii', offset + 4, offset + 8);
    const data = bytes.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      expect([data[8], data[9], data[12]]).toEqual([8, 6, 0]); // 8-bit, RGBA, not interlaced
    }
    if (type === 'IDAT') idat.push(data);
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * 4;
  const out = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y += 1) {
    const filter = raw[y * (stride + 1)] ?? 0;
    for (let i = 0; i < stride; i += 1) {
      const value = raw[y * (stride + 1) + 1 + i] ?? 0;
      const left = i >= 4 ? (out[y * stride + i - 4] ?? 0) : 0;
      const up = y > 0 ? (out[(y - 1) * stride + i] ?? 0) : 0;
      const upLeft = y > 0 && i >= 4 ? (out[(y - 1) * stride + i - 4] ?? 0) : 0;
      const paeth = (): number => {
        const p = left + up - upLeft;
        const [pa, pb, pc] = [Math.abs(p - left), Math.abs(p - up), Math.abs(p - upLeft)];
        return pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft;
      };
      const predictor = [0, left, up, (left + up) >> 1, paeth()][filter] ?? 0;
      out[y * stride + i] = (value + predictor) & 0xff;
    }
  }
  const colours = new Set<number>();
  for (let i = 0; i < out.length; i += 4) colours.add(out.readUInt32BE(i));
  return {
    width,
    height,
    pixel: (x, y) =>
      [...out.subarray((y * width + x) * 4, (y * width + x) * 4 + 4)] as [number, number, number, number],
    distinctColours: colours.size,
  };
}

function readIco(bytes: Buffer) {
  expect([bytes.readUInt16LE(0), bytes.readUInt16LE(2)]).toEqual([0, 1]);
  return Array.from({ length: bytes.readUInt16LE(4) }, (_, index) => {
    const entry = 6 + index * 16;
    const size = bytes[entry] === 0 ? 256 : (bytes[entry] ?? -1);
    const data = bytes.subarray(
      bytes.readUInt32LE(entry + 12),
      bytes.readUInt32LE(entry + 12) + bytes.readUInt32LE(entry + 8),
    );
    return {
      size,
      height: bytes[entry + 1] === 0 ? 256 : bytes[entry + 1],
      planes: bytes.readUInt16LE(entry + 4),
      bpp: bytes.readUInt16LE(entry + 6),
      data,
    };
  });
}

describe('build/icon.png', () => {
  const png = decodePng(readFileSync(join(BUILD, 'icon.png')));

  it('is a 1024 × 1024 RGBA image', () => {
    expect([png.width, png.height]).toEqual([1024, 1024]);
  });

  it('is artwork on a rounded tile: clear corners, opaque middle, thousands of colours', () => {
    expect(png.pixel(0, 0)[3]).toBe(0);
    expect(png.pixel(1023, 1023)[3]).toBe(0);
    expect(png.pixel(512, 512)[3]).toBe(255);
    expect(png.distinctColours).toBeGreaterThan(2000);
  });
});

describe('build/icon.ico', () => {
  const bytes = readFileSync(join(BUILD, 'icon.ico'));
  const images = readIco(bytes);

  it('holds 32-bit images at 16, 24, 32, 48, 64, 128 and 256 px', () => {
    expect(images.map((image) => [image.size, image.height, image.planes, image.bpp])).toEqual(
      [16, 24, 32, 48, 64, 128, 256].map((size) => [size, size, 1, 32]),
    );
  });

  it('stores the small sizes as DIBs with an AND mask and 256 px as PNG', () => {
    for (const image of images.filter((i) => i.size < 256)) {
      const maskBytes = Math.ceil(image.size / 32) * 4 * image.size;
      expect([
        image.data.readUInt32LE(0),
        image.data.readInt32LE(4),
        image.data.readInt32LE(8),
        image.data.readUInt16LE(14),
      ]).toEqual([40, image.size, image.size * 2, 32]);
      expect(image.data.length).toBe(40 + image.size * image.size * 4 + maskBytes);
    }
    const large = images.find((i) => i.size === 256)?.data ?? Buffer.alloc(0);
    expect([decodePng(large).width, decodePng(large).height]).toEqual([256, 256]);
  });

  it('marks exactly the fully transparent pixels in the 16 px mask', () => {
    const image = images[0];
    if (image === undefined) throw new Error('no 16 px image');
    const mask = image.data.subarray(40 + 16 * 16 * 4);
    for (let row = 0; row < 16; row += 1) {
      for (let column = 0; column < 16; column += 1) {
        const alpha = image.data[40 + (row * 16 + column) * 4 + 3];
        const bit = ((mask[row * 4 + (column >> 3)] ?? 0) >> (7 - (column & 7))) & 1;
        expect(bit).toBe(alpha === 0 ? 1 : 0);
      }
    }
  });

  it('is accepted by electron-builder as a Windows icon of at least 256 px', async () => {
    const out = mkdtempSync(join(tmpdir(), 'chainlens-icons-'));
    try {
      const result = await convertIcon({
        sources: ['icon.ico'],
        fallbackSources: [],
        roots: [BUILD],
        format: 'ico',
        outDir: out,
      });
      expect(result).toEqual({ icons: [{ file: join(BUILD, 'icon.ico'), size: 256 }], isFallback: false });
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});

describe('build/icon.icns', () => {
  const bytes = readFileSync(join(BUILD, 'icon.icns'));

  it('has the icns header and a total length equal to the file size', () => {
    expect([bytes.toString('ascii', 0, 4), bytes.readUInt32BE(4)]).toEqual(['icns', bytes.length]);
  });

  it('holds PNG elements from 16 px to 1024 px, each the size its type promises', () => {
    const elements: [string, number][] = [];
    for (let offset = 8; offset < bytes.length;) {
      const type = bytes.toString('ascii', offset, offset + 4);
      const length = bytes.readUInt32BE(offset + 4);
      elements.push([type, decodePng(bytes.subarray(offset + 8, offset + length)).width]);
      offset += length;
    }
    expect(elements).toEqual([
      ['icp4', 16],
      ['icp5', 32],
      ['ic11', 32],
      ['ic12', 64],
      ['ic07', 128],
      ['ic13', 256],
      ['ic08', 256],
      ['ic14', 512],
      ['ic09', 512],
      ['ic10', 1024],
    ]);
  });
});

describe('icon container writers', () => {
  const pixels = {
    width: 2,
    height: 2,
    rgba: new Uint8Array([255, 0, 0, 255, 0, 255, 0, 128, 0, 0, 255, 0, 10, 20, 30, 255]),
  };

  it('writes a DIB bottom-up in BGRA with the transparent pixel masked', () => {
    const dib = encodeDib(pixels);
    expect([...dib.subarray(40)]).toEqual([
      // bottom row first: blue (transparent), then (10, 20, 30)
      255, 0, 0, 0, 30, 20, 10, 255,
      // top row: red, half-transparent green
      0, 0, 255, 255, 0, 255, 0, 128,
      // AND mask rows (bottom first), 4 bytes each: first pixel of the bottom row is transparent
      0x80, 0, 0, 0, 0, 0, 0, 0,
    ]);
  });

  it('writes the ICO directory with offsets into the file', () => {
    const ico = Buffer.from(encodeIco([{ size: 2, png: new Uint8Array(), pixels }]));
    expect([...ico.subarray(0, 22)]).toEqual([
      0, 0, 1, 0, 1, 0, 2, 2, 0, 0, 1, 0, 32, 0, 64, 0, 0, 0, 22, 0, 0, 0,
    ]);
    expect(ico.length).toBe(22 + 64);
  });

  it('writes ICNS elements with big-endian lengths that include their headers', () => {
    const icns = Buffer.from(encodeIcns([{ type: 'ic07', png: new Uint8Array([1, 2, 3]) }]));
    expect([...icns]).toEqual([
      0x69, 0x63, 0x6e, 0x73, 0, 0, 0, 19, 0x69, 0x63, 0x30, 0x37, 0, 0, 0, 11, 1, 2, 3,
    ]);
  });
});
