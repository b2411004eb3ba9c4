/**
 * The chain as the charts see it: sampled from the stream at a calm rate (default once a
 * second) and only when something changed, never per tick.
 */
import { useEffect, useState } from 'react';
import type { ChainRow, ChainSummary, SeriesPoint } from '../../../shared/api/view-types';
import type { Scheduler } from '../../../shared/util/clock';
import type { ChainStream } from '../chain/chain-stream';

export interface ChainSample {
  readonly version: number;
  readonly rows: readonly ChainRow[];
  readonly summary: ChainSummary | null;
  readonly straddle: readonly SeriesPoint[];
}

function take(stream: ChainStream): ChainSample {
  return { version: stream.dataVersion(), rows: stream.currentRows(), summary: stream.summary.get(), straddle: stream.straddleSeries() };
}

/** @param periodMs sampling period; default 1 000 ms. */
export function useChainSample(stream: ChainStream, scheduler: Scheduler, periodMs = 1000): ChainSample {
  const [sample, setSample] = useState(() => take(stream));
  useEffect(() => {
    const timer = scheduler.setInterval(() => {
      setSample((previous) => (previous.version === stream.dataVersion() ? previous : take(stream)));
    }, periodMs);
    return () => scheduler.clearInterval(timer);
  }, [stream, scheduler, periodMs]);
  return sample;
}
