import { describe, expect, it } from 'vitest';
import { InstrumentIndex } from '../../../src/shared/cache/instrument-index';

const NSE_FNO = 2;
const BSE_FNO = 8;

describe('InstrumentIndex', () => {
  it('finds ids registered in descending, ascending and shuffled order within one segment', () => {
    const index = new InstrumentIndex(3_000);
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
    const index = new InstrumentIndex(100, { maxSpanPerSegment: 1_000 });
    index.set(NSE_FNO, 50_000, 0);
    index.set(NSE_FNO, 50_500, 1);
    index.set(NSE_FNO, 90_000, 2);
    index.set(NSE_FNO, 10, 3);
    expect([50_000, 50_500, 90_000, 10].map((id) => index.get(NSE_FNO, id))).toEqual([0, 1, 2, 3]);
    expect(index.get(NSE_FNO, 50_001)).toBe(-1);
  });

  it('answers ids at the top of the u32 range, and never maps them onto a small id', () => {
    const index = new InstrumentIndex(10);
    index.set(BSE_FNO, 825_000, 0);
    index.set(BSE_FNO, 4_294_967_295, 1);
    expect([index.get(BSE_FNO, 825_000), index.get(BSE_FNO, 4_294_967_295)]).toEqual([0, 1]);
    const small = new InstrumentIndex(10);
    small.set(NSE_FNO, 5, 7);
    expect([
      small.get(NSE_FNO, 4_294_967_295),
      small.get(NSE_FNO, 2 ** 31 + 5),
      small.get(NSE_FNO, 5),
    ]).toEqual([-1, -1, 7]);
  });

  it('returns -1 for segments nothing was registered in, including codes beyond 4 bits', () => {
    const index = new InstrumentIndex(10);
    index.set(NSE_FNO, 1_000, 0);
    expect([
      index.get(BSE_FNO, 1_000),
      index.get(0, 1_000),
      index.get(18, 1_000),
      index.get(-1, 1_000),
    ]).toEqual([-1, -1, -1, -1]);
  });

  it('refuses a segment code it cannot store', () => {
    expect(() => new InstrumentIndex(10).set(16, 1, 0)).toThrow('segment code 16 is outside 0…15');
  });

  it('replaces the slot of an id registered again', () => {
    const index = new InstrumentIndex(10);
    index.set(NSE_FNO, 7, 1);
    index.set(NSE_FNO, 7, 4);
    expect(index.get(NSE_FNO, 7)).toBe(4);
  });
});
