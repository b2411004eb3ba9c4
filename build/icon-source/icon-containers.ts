/**
 * Writers for the two icon containers the installers need.
 *
 * ICO (Windows): a 6-byte header, one 16-byte directory entry per image, then the images. Sizes
 * below 256 px are stored as 32-bit BGRA DIBs (bottom-up rows followed by a 1-bit AND mask, and
 * a BITMAPINFOHEADER whose height counts both), the format every Windows consumer reads,
 * including NSIS and the resource editor electron-builder uses; 256 px is stored as PNG, which
 * Windows Vista and later expect at that size and which keeps the file small.
 *
 * ICNS (macOS): the magic 'icns' and the total length (big-endian), then one element per image:
 * a four-character type, its length including the 8-byte element header, and PNG data.
 */

/** Decoded pixels, row-major from the top, 4 bytes per pixel (R, G, B, A). */
export interface RgbaImage {
  readonly width: number;
  readonly height: number;
  readonly rgba: Uint8Array;
}

export interface IcoImage {
  readonly size: number;
  /** Used for the 256 px image. */
  readonly png: Uint8Array;
  /** Used for every smaller image. */
  readonly pixels: RgbaImage;
}

const ICO_HEADER_BYTES = 6;
const ICO_ENTRY_BYTES = 16;
const BITMAPINFOHEADER_BYTES = 40;
const ICO_TYPE_ICON = 1;

export function encodeIco(images: readonly IcoImage[]): Uint8Array {
  const payloads = images.map((image) => (image.size >= 256 ? image.png : encodeDib(image.pixels)));
  const total =
    ICO_HEADER_BYTES + ICO_ENTRY_BYTES * images.length + payloads.reduce((sum, p) => sum + p.length, 0);
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  view.setUint16(0, 0, true);
  view.setUint16(2, ICO_TYPE_ICON, true);
  view.setUint16(4, images.length, true);
  let offset = ICO_HEADER_BYTES + ICO_ENTRY_BYTES * images.length;
  images.forEach((image, index) => {
    const payload = payloads[index] as Uint8Array;
    const entry = ICO_HEADER_BYTES + index * ICO_ENTRY_BYTES;
    // A width or height of 256 is written as 0: the field is one byte.
    view.setUint8(entry, image.size >= 256 ? 0 : image.size);
    view.setUint8(entry + 1, image.size >= 256 ? 0 : image.size);
    view.setUint8(entry + 2, 0); // palette colours
    view.setUint8(entry + 3, 0); // reserved
    view.setUint16(entry + 4, 1, true); // colour planes
    view.setUint16(entry + 6, 32, true); // bits per pixel
    view.setUint32(entry + 8, payload.length, true);
    view.setUint32(entry + 12, offset, true);
    out.set(payload, offset);
    offset += payload.length;
  });
  return out;
}

/** A 32-bit DIB as stored inside an ICO: header, bottom-up BGRA rows, then the AND mask. */
export function encodeDib(image: RgbaImage): Uint8Array {
  const { width, height, rgba } = image;
  if (rgba.length !== width * height * 4)
    throw new RangeError(`expected ${width * height * 4} RGBA bytes, got ${rgba.length}`);
  const xorBytes = width * height * 4;
  const maskStride = Math.ceil(width / 32) * 4;
  const maskBytes = maskStride * height;
  const out = new Uint8Array(BITMAPINFOHEADER_BYTES + xorBytes + maskBytes);
  const view = new DataView(out.buffer);
  view.setUint32(0, BITMAPINFOHEADER_BYTES, true);
  view.setInt32(4, width, true);
  view.setInt32(8, height * 2, true); // colour rows plus mask rows
  view.setUint16(12, 1, true);
  view.setUint16(14, 32, true);
  view.setUint32(16, 0, true); // BI_RGB
  view.setUint32(20, xorBytes + maskBytes, true);
  for (let row = 0; row < height; row += 1) {
    const sourceRow = height - 1 - row; // DIB rows run bottom-up
    for (let column = 0; column < width; column += 1) {
      const source = (sourceRow * width + column) * 4;
      const target = BITMAPINFOHEADER_BYTES + (row * width + column) * 4;
      out[target] = rgba[source + 2] ?? 0;
      out[target + 1] = rgba[source + 1] ?? 0;
      out[target + 2] = rgba[source] ?? 0;
      const alpha = rgba[source + 3] ?? 0;
      out[target + 3] = alpha;
      if (alpha === 0) {
        const maskByte = BITMAPINFOHEADER_BYTES + xorBytes + row * maskStride + (column >> 3);
        out[maskByte] = (out[maskByte] ?? 0) | (0x80 >> (column & 7));
      }
    }
  }
  return out;
}

/** ICNS element types with PNG payloads and the pixel size each holds. */
export const ICNS_TYPES = [
  { type: 'icp4', pixels: 16 },
  { type: 'icp5', pixels: 32 },
  { type: 'ic11', pixels: 32 },
  { type: 'ic12', pixels: 64 },
  { type: 'ic07', pixels: 128 },
  { type: 'ic13', pixels: 256 },
  { type: 'ic08', pixels: 256 },
  { type: 'ic14', pixels: 512 },
  { type: 'ic09', pixels: 512 },
  { type: 'ic10', pixels: 1024 },
] as const;

export function encodeIcns(elements: readonly { type: string; png: Uint8Array }[]): Uint8Array {
  const total = 8 + elements.reduce((sum, element) => sum + 8 + element.png.length, 0);
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  writeFourCc(out, 0, 'icns');
  view.setUint32(4, total, false);
  let offset = 8;
  for (const element of elements) {
    writeFourCc(out, offset, element.type);
    view.setUint32(offset + 4, 8 + element.png.length, false);
    out.set(element.png, offset + 8);
    offset += 8 + element.png.length;
  }
  return out;
}

function writeFourCc(out: Uint8Array, offset: number, code: string): void {
  if (!/^[\x20-\x7e]{4}$/.test(code)) throw new RangeError(`not a four-character code: ${code}`);
  for (let i = 0; i < 4; i += 1) out[offset + i] = code.charCodeAt(i);
}
