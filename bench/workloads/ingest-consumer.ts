/**
 * The engine's per-packet path on its own, for the feed benchmark's decomposition: the
 * QuoteCache with the subscribed instruments registered, FeedIngest with a tick log of the
 * engine's size, and the changed slots drained every batch interval, as the engine does —
 * without the feed pool, the chain view, analytics or any client.
 */
import { FeedIngest } from '../../src/main/engine/feed-ingest';
import { ENGINE_DEFAULTS } from '../../src/main/engine/engine-options';
import { systemClock } from '../../src/main/util/system-clock';
import { QuoteCache } from '../../src/shared/cache/quote-cache';
import { TickLog } from '../../src/shared/cache/tick-log';
import { EXCHANGE_SEGMENT_CODE } from '../../src/shared/feed/exchange-segment';
import type { InstrumentRef } from '../../src/shared/model/instruments';
import type { FrameConsumer } from './bare-feed-client';
import { silentLogger } from './silent-logger';

/** The consumer, with its cache for reading back what was applied. */
export function ingestConsumer(
  instruments: readonly InstrumentRef[],
): FrameConsumer & { readonly cache: QuoteCache } {
  const cache = new QuoteCache(instruments.length, Date.now(), {
    tickLogCapacity: ENGINE_DEFAULTS.tickLogCapacity,
  });
  for (const i of instruments) cache.register(EXCHANGE_SEGMENT_CODE[i.segment], i.securityId);
  const ingest = new FeedIngest(
    cache,
    new TickLog(ENGINE_DEFAULTS.tickLogCapacity),
    systemClock,
    silentLogger,
  );
  const batch = setInterval(() => cache.drainDirty(() => undefined), ENGINE_DEFAULTS.batchIntervalMs);
  return {
    cache,
    onFrame: (bytes) => ingest.onFrame(bytes),
    close: () => {
      clearInterval(batch);
      const { applied } = cache.counters;
      if (ingest.ingestErrors > 0 || applied === 0)
        throw new Error(
          `the ingest path failed on ${ingest.ingestErrors} frames and applied ${applied} packets`,
        );
    },
  };
}
