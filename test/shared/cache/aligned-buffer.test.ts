import { describe, expect, it } from 'vitest';
import {
  ALIGNED_MIN_BYTES,
  allocateAligned,
  type WasmMemoryConstructor,
} from '../../../src/shared/cache/aligned-buffer';
import { QuoteCache } from '../../../src/shared/cache/quote-cache';

const refusing: WasmMemoryConstructor = class {
  readonly buffer = new ArrayBuffer(0);
  constructor() {
    throw new RangeError('WebAssembly.Memory(): could not allocate memory');
  }
};

describe('allocateAligned', () => {
  it('gives a large table whole zeroed WebAssembly pages', () => {
    const { buffer, aligned, unalignedBecause } = allocateAligned(4_800_000);
    const words = new Uint32Array(buffer);
    expect([
      aligned,
      unalignedBecause,
      buffer.byteLength,
      buffer.byteLength % 65_536,
      words.some((w) => w !== 0),
    ]).toEqual([true, null, 74 * 65_536, 0, false]);
  });

  it('gives a small table a plain buffer of exactly its size, without calling that a problem', () => {
    const { buffer, aligned, unalignedBecause } = allocateAligned(ALIGNED_MIN_BYTES - 8);
    expect([aligned, unalignedBecause, buffer.byteLength]).toEqual([false, null, ALIGNED_MIN_BYTES - 8]);
  });

  it('falls back to a plain buffer where WebAssembly is missing or refuses the memory, and says why', () => {
    const missing = allocateAligned(2 * ALIGNED_MIN_BYTES, null);
    const refused = allocateAligned(2 * ALIGNED_MIN_BYTES, refusing);
    expect([missing.aligned, missing.buffer.byteLength, refused.aligned, refused.buffer.byteLength]).toEqual([
      false,
      2 * ALIGNED_MIN_BYTES,
      false,
      2 * ALIGNED_MIN_BYTES,
    ]);
    expect([missing.unalignedBecause, refused.unalignedBecause]).toEqual([
      'WebAssembly is not available in this runtime',
      'the WebAssembly memory was refused: WebAssembly.Memory(): could not allocate memory',
    ]);
  });

  it('backs every quote cache, small ones too: the WebAssembly hot path works in that memory', () => {
    const big = new QuoteCache(25_000, 0);
    const small = new QuoteCache(64, 0);
    expect([big.recordsAligned, big.hotPathBecause, small.recordsAligned, small.hotPathBecause]).toEqual([
      true,
      null,
      true,
      null,
    ]);
  });
});
