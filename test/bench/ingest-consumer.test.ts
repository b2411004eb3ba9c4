import { afterEach, describe, expect, it, vi } from 'vitest';
import { ingestConsumer } from '../../bench/workloads/ingest-consumer';
import { EXCHANGE_SEGMENT_CODE } from '../../src/shared/feed/exchange-segment';
import { encodeTicker } from '../../src/shared/feed/feed-encoder';

const FNO = EXCHANGE_SEGMENT_CODE.NSE_FNO;
const instruments = [
  { segment: 'NSE_FNO', securityId: 35_001 },
  { segment: 'NSE_FNO', securityId: 35_007 },
] as const;

describe('the feed benchmark’s per-packet-path client', () => {
  afterEach(() => vi.useRealTimers());

  it('applies frames to a cache holding the subscribed instruments and drains it every 50 ms', async () => {
    vi.useFakeTimers();
    const consumer = ingestConsumer(instruments);
    consumer.onFrame(
      encodeTicker({ segment: FNO, securityId: 35_007, ltp: 101.5, lttEpochS: 1_737_970_200 }),
    );
    consumer.onFrame(encodeTicker({ segment: FNO, securityId: 99_999, ltp: 7.25, lttEpochS: 1_737_970_200 }));
    await Promise.resolve(); // the frames of a turn are applied when it ends
    const slot = consumer.cache.slotOf(FNO, 35_007);
    expect(slot).toBe(1);
    expect(consumer.cache.ltp(slot)).toBe(101.5);
    expect(consumer.cache.lttEpochS(slot)).toBe(1_737_970_200);
    expect(consumer.cache.counters.applied).toBe(1);
    expect(consumer.cache.counters.unknownInstrument).toBe(1);
    expect(consumer.cache.pendingCount).toBe(1);
    vi.advanceTimersByTime(50);
    expect(consumer.cache.pendingCount).toBe(0);
    expect(() => consumer.close()).not.toThrow();
  });

  it('fails at close when it applied nothing, so a broken run cannot pass for a cheap one', () => {
    const consumer = ingestConsumer(instruments);
    expect(() => consumer.close()).toThrow('the ingest path failed on 0 frames and applied 0 packets');
  });
});
