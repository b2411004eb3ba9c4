import { describe, expect, it } from 'vitest';
import { QuoteCache } from '../../../src/shared/cache/quote-cache';
import { TickLog } from '../../../src/shared/cache/tick-log';
import { ownTickRing, ticksWritten, writeTick, type TickRing } from '../../../src/shared/cache/tick-ring';
import {
  concatPackets,
  encodeDisconnect,
  encodeFull,
  encodeOi,
  encodePrevClose,
  encodeQuote,
  encodeRaw,
  encodeTicker,
} from '../../../src/shared/feed/feed-encoder';
import { blankFullFields } from '../../../src/shared/feed/feed-packets';

const FNO = 2;
const label = (segment: number, id: number): string => `${segment}/${id}`;
const keep = (price: number | null): number | null => price;

function cacheWithLog(capacity: number): { cache: QuoteCache; log: TickLog } {
  const cache = new QuoteCache(4, 0, { tickLogCapacity: capacity });
  cache.register(FNO, 41);
  const log = new TickLog(capacity);
  log.moveTo(cache.tickRing as TickRing);
  return { cache, log };
}

describe('TickLog', () => {
  it('reads back what each kind of packet carries, for known and unknown instruments alike', () => {
    const { cache, log } = cacheWithLog(16);
    cache.setFrameTime(1_737_970_200_123);
    cache.applyFrame(
      concatPackets([
        encodeTicker({ segment: FNO, securityId: 41, ltp: 101.5, lttEpochS: 7 }),
        encodeQuote({
          ...blankFullFields(),
          segment: FNO,
          securityId: 41,
          ltp: 99.25,
          ltq: 75,
          volume: 1_234_567,
        }),
        encodeOi({ segment: FNO, securityId: 41, oi: 4_500_000 }),
        encodePrevClose({ segment: FNO, securityId: 99, prevClose: 88.5, prevOi: 12 }),
        encodeFull({
          ...blankFullFields(),
          segment: FNO,
          securityId: 41,
          ltp: 102,
          ltq: 50,
          volume: 9,
          oi: 8,
        }),
        encodeRaw(1, 0, 13, new Uint8Array(0)),
        encodeDisconnect({ segment: 0, securityId: 0, reason: 805 }),
      ]),
    );
    const entries = log.since(0, 16, label, keep);
    expect(entries.map((e) => [e.kind, e.label, e.ltp, e.ltq, e.oi, e.volume])).toEqual([
      ['ticker', '2/41', 101.5, null, null, null],
      ['quote', '2/41', 99.25, 75, null, 1_234_567],
      ['oi', '2/41', null, null, 4_500_000, null],
      ['prev-close', '2/99', 88.5, null, 12, null],
      ['full', '2/41', 102, 50, 8, 9],
      ['index', '0/13', null, null, null, null],
      ['disconnect', '0/0', null, null, null, null],
    ]);
    expect(new Set(entries.map((e) => e.atMs))).toEqual(new Set([1_737_970_200_123]));
    expect(log.total).toBe(7);
  });

  it('keeps the newest entries when it wraps, and serves a cursor oldest first within the limit', () => {
    const { cache, log } = cacheWithLog(3);
    for (let i = 1; i <= 5; i++)
      cache.applyFrame(encodeTicker({ segment: FNO, securityId: 41, ltp: i, lttEpochS: 7 }));
    expect([log.total, log.since(0, 10, label, keep).map((e) => e.ltp)]).toEqual([5, [3, 4, 5]]);
    expect(log.since(3, 10, label, keep).map((e) => e.ltp)).toEqual([4, 5]);
    expect(log.since(0, 2, label, keep).map((e) => e.ltp)).toEqual([4, 5]);
    expect(log.since(5, 10, label, keep)).toEqual([]);
  });

  it('carries its entries and count into the next cache, so a client cursor stays valid', () => {
    const first = cacheWithLog(4);
    first.cache.applyFrame(encodeTicker({ segment: FNO, securityId: 41, ltp: 10, lttEpochS: 7 }));
    first.cache.applyFrame(encodeTicker({ segment: FNO, securityId: 41, ltp: 11, lttEpochS: 7 }));
    const next = new QuoteCache(4, 0, { tickLogCapacity: 4 });
    next.register(FNO, 41);
    first.log.moveTo(next.tickRing as TickRing);
    next.applyFrame(encodeTicker({ segment: FNO, securityId: 41, ltp: 12, lttEpochS: 7 }));
    first.cache.applyFrame(encodeTicker({ segment: FNO, securityId: 41, ltp: 99, lttEpochS: 7 }));
    expect([first.log.total, first.log.since(1, 10, label, keep).map((e) => e.ltp)]).toEqual([3, [11, 12]]);
    expect(() => first.log.moveTo(ownTickRing(5))).toThrow(
      'a tick log of 4 entries cannot move to a ring of 5',
    );
  });

  it('counts past 2^32 entries without wrapping the count', () => {
    const ring = ownTickRing(2);
    ring.cursor[1] = 0xffff_ffff;
    const packet = encodeTicker({ segment: FNO, securityId: 41, ltp: 1, lttEpochS: 7 });
    writeTick(ring, 0, new DataView(packet.buffer), 0);
    writeTick(ring, 0, new DataView(packet.buffer), 0);
    expect([ticksWritten(ring), ring.cursor[0]]).toEqual([2 ** 32 + 1, 0]);
    // The same in the cache's WebAssembly path.
    const { cache, log } = cacheWithLog(2);
    expect(cache.hotPathBecause).toBeNull();
    (cache.tickRing as TickRing).cursor[1] = 0xffff_ffff;
    cache.applyFrame(concatPackets([packet, packet]));
    expect([log.total, log.since(0, 2, label, keep).length]).toEqual([2 ** 32 + 1, 2]);
  });
});
