/**
 * Pre-built feed buffers for the codec benchmark: packets laid back to back with the shared
 * encoders, addressed to instruments drawn uniformly at random (seeded), with plausible
 * values. Built once, before any timing starts.
 */
import { writeFull, writeTicker } from '../../src/shared/feed/feed-encoder';
import { blankFullFields, type FullFieldsScratch } from '../../src/shared/feed/feed-packets';
import { SeededRandom } from '../../src/sim/util/prng';
import type { BenchInstrument } from './bench-instruments';

export type PacketKind = 'ticker' | 'full';

export const PACKET_SIZE: Readonly<Record<PacketKind, number>> = { ticker: 16, full: 162 };

export interface PacketFrames {
  /** Each frame holds `packetsPerFrame` packets back to back. */
  readonly frames: readonly Uint8Array[];
  /** The same packets one per entry (views into `frames`, no copies), for one-packet-per-frame paths. */
  readonly singles: readonly Uint8Array[];
  readonly packetCount: number;
}

/** Builds `frameCount` frames of `packetsPerFrame` packets of one kind. */
export function buildPacketFrames(
  kind: PacketKind,
  instruments: readonly BenchInstrument[],
  frameCount: number,
  packetsPerFrame: number,
  seed = 7,
): PacketFrames {
  const rng = new SeededRandom(seed);
  const size = PACKET_SIZE[kind];
  const frames: Uint8Array[] = [];
  const singles: Uint8Array[] = [];
  const full = blankFullFields();
  let ltt = 1_737_970_200;
  for (let f = 0; f < frameCount; f++) {
    const bytes = new Uint8Array(size * packetsPerFrame);
    const view = new DataView(bytes.buffer);
    for (let p = 0; p < packetsPerFrame; p++) {
      const instrument = instruments[rng.int(instruments.length)] as BenchInstrument;
      const ltp = 5 + rng.next() * 500;
      if (p % 64 === 0) ltt++;
      const at = p * size;
      if (kind === 'ticker') {
        writeTicker(view, at, {
          segment: instrument.segment,
          securityId: instrument.securityId,
          ltp,
          lttEpochS: ltt,
        });
      } else {
        fillFull(full, instrument, ltp, ltt, rng);
        writeFull(view, at, full);
      }
      singles.push(bytes.subarray(at, at + size));
    }
    frames.push(bytes);
  }
  return { frames, singles, packetCount: frameCount * packetsPerFrame };
}

function fillFull(
  f: FullFieldsScratch,
  instrument: BenchInstrument,
  ltp: number,
  ltt: number,
  rng: SeededRandom,
): void {
  f.segment = instrument.segment;
  f.securityId = instrument.securityId;
  f.ltp = ltp;
  f.ltq = 25 + rng.int(40) * 25;
  f.lttEpochS = ltt;
  f.atp = ltp * 0.98;
  f.volume = rng.int(50_000_000);
  f.totalSellQty = rng.int(2_000_000);
  f.totalBuyQty = rng.int(2_000_000);
  f.oi = rng.int(20_000_000);
  f.oiDayHigh = f.oi + rng.int(100_000);
  f.oiDayLow = Math.max(0, f.oi - rng.int(100_000));
  f.open = ltp * 1.05;
  f.close = 0;
  f.high = ltp * 1.1;
  f.low = ltp * 0.9;
  for (let level = 0; level < 5; level++) {
    const d = f.depth[level] as FullFieldsScratch['depth'][number];
    d.bidQty = 25 * (1 + rng.int(200));
    d.askQty = 25 * (1 + rng.int(200));
    d.bidOrders = 1 + rng.int(50);
    d.askOrders = 1 + rng.int(50);
    d.bidPrice = ltp - 0.05 * (level + 1);
    d.askPrice = ltp + 0.05 * (level + 1);
  }
}
