import { describe, expect, it } from 'vitest';
import {
  INDEX_SEGMENTS,
  InstrumentIndex,
  SEGMENT_ENTRY_WORDS,
  type DirectTableStorage,
  type InstrumentIndexOptions,
} from '../../../src/shared/cache/instrument-index';

const NSE_FNO = 2;
const BSE_FNO = 8;

/** Direct tables in one shared buffer, as the QuoteCache keeps them for its WebAssembly path. */
function sharedStorage(
  capacity: number,
  maxSpan = InstrumentIndex.defaultMaxSpan(capacity),
): DirectTableStorage {
  const buffer = new ArrayBuffer(INDEX_SEGMENTS * (SEGMENT_ENTRY_WORDS + maxSpan) * 4);
  return {
    segments: new Int32Array(buffer, 0, INDEX_SEGMENTS * SEGMENT_ENTRY_WORDS),
    words: new Int32Array(buffer, INDEX_SEGMENTS * SEGMENT_ENTRY_WORDS * 4),
  };
}

// Every case with the direct tables in arrays of their own, and in shared storage.
describe.each(['own arrays', 'shared storage'] as const)('InstrumentIndex, direct tables in %s', (where) => {
  const newIndex = (capacity: number, options: InstrumentIndexOptions = {}): InstrumentIndex =>
    new InstrumentIndex(
      capacity,
      where === 'own arrays'
        ? options
        : { ...options, storage: sharedStorage(capacity, options.maxSpanPerSegment) },
    );

  it('finds ids registered in descending, ascending and shuffled order within one segment', () => {
    const index = newIndex(3_000);
    const ids = Array.from({ length: 3_000 }, (_, i) => 40_000 + i * 3);
    const order = [
      ...ids.slice(0, 1_000).reverse(),
      ...ids.slice(1_000, 2_000),
      ...ids.slice(2_000).sort((a, b) => ((a * 7919) % 101) - ((b * 7919) % 101)),
    ];
    order.forEach((id) => index.set(NSE_FNO, id, (id - 40_000) / 3));
    expect(ids.filter((id) => index.get(NSE_FNO, id) === (id - 40_000) / 3)).toHaveLength(3_000);
    expect([index.get(NSE_FNO, 40_001), index.get(NSE_FNO, 39_999), index.get(NSE_FNO, 48_000)]).toEqual([
      -1, -1, -1,
    ]);
  });

  it('keeps every entry when a segment spreads wider than its direct table may grow', () => {
    const index = newIndex(100, { maxSpanPerSegment: 1_000 });
    index.set(NSE_FNO, 50_000, 0);
    index.set(NSE_FNO, 50_500, 1);
    index.set(NSE_FNO, 90_000, 2);
    index.set(NSE_FNO, 10, 3);
    expect([50_000, 50_500, 90_000, 10].map((id) => index.get(NSE_FNO, id))).toEqual([0, 1, 2, 3]);
    expect(index.get(NSE_FNO, 50_001)).toBe(-1);
  });

  it('answers ids at the top of the u32 range, and never maps them onto a small id', () => {
    const index = newIndex(10);
    index.set(BSE_FNO, 825_000, 0);
    index.set(BSE_FNO, 4_294_967_295, 1);
    expect([index.get(BSE_FNO, 825_000), index.get(BSE_FNO, 4_294_967_295)]).toEqual([0, 1]);
    const small = newIndex(10);
    small.set(NSE_FNO, 5, 7);
    expect([
      small.get(NSE_FNO, 4_294_967_295),
      small.get(NSE_FNO, 2 ** 31 + 5),
      small.get(NSE_FNO, 5),
    ]).toEqual([-1, -1, 7]);
  });

  it('returns -1 for segments nothing was registered in, including codes beyond 4 bits', () => {
    const index = newIndex(10);
    index.set(NSE_FNO, 1_000, 0);
    expect([
      index.get(BSE_FNO, 1_000),
      index.get(0, 1_000),
      index.get(18, 1_000),
      index.get(-1, 1_000),
    ]).toEqual([-1, -1, -1, -1]);
  });

  it('refuses a segment code it cannot store', () => {
    expect(() => newIndex(10).set(16, 1, 0)).toThrow('segment code 16 is outside 0…15');
  });

  it('replaces the slot of an id registered again', () => {
    const index = newIndex(10);
    index.set(NSE_FNO, 7, 1);
    index.set(NSE_FNO, 7, 4);
    expect(index.get(NSE_FNO, 7)).toBe(4);
  });
});

describe('InstrumentIndex in shared storage', () => {
  it('describes each direct table in the segment table as it grows, moves and goes sparse', () => {
    const storage = sharedStorage(100, 4_096);
    const index = new InstrumentIndex(100, { maxSpanPerSegment: 4_096, storage });
    const entry = (segment: number): number[] => [...storage.segments.subarray(segment * 4, segment * 4 + 3)];
    const regionAt = (segment: number): number => storage.words.byteOffset + segment * 4_096 * 4;
    index.set(NSE_FNO, 50_000, 0);
    expect(entry(NSE_FNO)).toEqual([50_000, 1_024, regionAt(NSE_FNO)]);
    // A lower id: the table grows downwards within its region, and the entry already there moves with it.
    index.set(NSE_FNO, 49_000, 1);
    const [low, length] = entry(NSE_FNO) as [number, number];
    expect([low <= 49_000, low + length > 50_000, entry(NSE_FNO)[2]]).toEqual([
      true,
      true,
      regionAt(NSE_FNO),
    ]);
    expect(storage.words[NSE_FNO * 4_096 + 50_000 - low]).toBe(0);
    expect(storage.words[NSE_FNO * 4_096 + 49_000 - low]).toBe(1);
    expect([index.get(NSE_FNO, 50_000), index.get(NSE_FNO, 49_000)]).toEqual([0, 1]);
    // Wider than 4 096 ids: the segment moves to the hash table and its entry says "no table".
    index.set(NSE_FNO, 90_000, 2);
    expect(entry(NSE_FNO)).toEqual([0, 0, 0]);
    expect([50_000, 49_000, 90_000].map((id) => index.get(NSE_FNO, id))).toEqual([0, 1, 2]);
    expect(entry(BSE_FNO)).toEqual([0, 0, 0]);
  });

  it('refuses storage too small for a region per segment', () => {
    expect(
      () => new InstrumentIndex(10, { maxSpanPerSegment: 70_000, storage: sharedStorage(10, 1_000) }),
    ).toThrow('direct-table storage holds 16000 entries, fewer than 16 × 70000');
  });
});
