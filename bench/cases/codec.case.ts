/**
 * Codec: decode + apply to the QuoteCache (QuoteCache.applyFrame: the frame copied into the
 * cache's memory, the WebAssembly hot path, the changed row queued for the next batch), beside
 * the framing limit — a loop over the same buffers that only walks the headers. With
 * `path: 'ingest'`, the engine's real per-frame entry instead (FeedIngest.onFrame, one packet
 * per frame as DhanHQ sends, tick log included). One path per process, so the frame walker
 * sees one visitor, as it does in the app.
 *
 * Rates are packets per CPU-second of this process (process.cpuUsage), so time the OS gave to
 * other processes on a shared machine does not count against the code; wall-clock rates are
 * in the notes.
 */
import { QuoteCache } from '../../src/shared/cache/quote-cache';
import { TickLog } from '../../src/shared/cache/tick-log';
import { frameView } from '../../src/shared/feed/feed-decoder';
import { ENGINE_DEFAULTS } from '../../src/main/engine/engine-options';
import { FeedIngest } from '../../src/main/engine/feed-ingest';
import { systemClock } from '../../src/main/util/system-clock';
import type { FigureResult } from '../harness/bench-result';
import { caseMain, progress } from '../harness/case-main';
import { formatNumber, formatSpread, missedBy, misses } from '../harness/format-figure';
import { median } from '../harness/stats';
import { benchInstruments } from '../workloads/bench-instruments';
import { framingPass } from '../workloads/framing-pass';
import { silentLogger } from '../workloads/silent-logger';
import {
  buildPacketFrames,
  PACKET_SIZE,
  type PacketFrames,
  type PacketKind,
} from '../workloads/packet-frames';

const INSTRUMENTS = 25_000;
const PACKETS_PER_RUN = 10_000_000;
const PACKETS_PER_FRAME = 1_000;
/**
 * About 4 MB of pre-built packets, cycled to make up each run: socket data is decoded right
 * after the kernel wrote it, while it is still in the CPU cache, and a pool the size of a
 * laptop's L2 cache models that better than streaming hundreds of megabytes from memory.
 */
const POOL_BYTES = 4_000_000;
/** For the ingest path: frames delivered per event-loop turn, as if one socket read carried ten frames. */
const FRAMES_PER_READ = 10;
/** The engine drains once per 50 ms batch (ENGINE_DEFAULTS.batchIntervalMs); at 100 000 packets/s that is every 5 000 packets. */
const DRAIN_EVERY = 5_000;
const TARGET_MPS: Readonly<Record<PacketKind, number>> = { ticker: 50, full: 20 };
const SDK_MPS: Readonly<Record<PacketKind, number>> = { ticker: 0.4, full: 0.13 };

function decodePass(
  cache: QuoteCache,
  frames: readonly Uint8Array[],
  rounds: number,
  packetsPerFrame: number,
): number {
  const noop = (_slot: number): void => undefined;
  let sinceDrain = 0;
  let delivered = 0;
  for (let r = 0; r < rounds; r++) {
    for (let f = 0; f < frames.length; f++) {
      cache.setFrameTime(1_737_970_200_000 + r);
      delivered += cache.applyFrame(frames[f] as Uint8Array);
      sinceDrain += packetsPerFrame;
      if (sinceDrain >= DRAIN_EVERY) {
        cache.drainDirty(noop);
        sinceDrain = 0;
      }
    }
  }
  cache.drainDirty(noop);
  return delivered;
}

/**
 * Yields to the microtask queue every FRAMES_PER_READ frames, as the end of a socket read does:
 * the frames staged since are applied, and the receive stamp is read again.
 */
async function ingestPass(
  ingest: FeedIngest,
  cache: QuoteCache,
  singles: readonly Uint8Array[],
  rounds: number,
): Promise<void> {
  const noop = (_slot: number): void => undefined;
  let sinceDrain = 0;
  for (let r = 0; r < rounds; r++) {
    for (let p = 0; p < singles.length; p++) {
      ingest.onFrame(singles[p] as Uint8Array);
      if (p % FRAMES_PER_READ === FRAMES_PER_READ - 1) await null;
      if (++sinceDrain >= DRAIN_EVERY) {
        cache.drainDirty(noop);
        sinceDrain = 0;
      }
    }
  }
  cache.drainDirty(noop);
}

interface Timing {
  /** Packets per CPU-second, millions. */
  readonly cpuRate: number;
  /** Packets per wall-clock second, millions. */
  readonly wallRate: number;
}

async function timed(packets: number, run: () => unknown): Promise<Timing> {
  const cpu = process.cpuUsage();
  const wall = process.hrtime.bigint();
  await run();
  const wallUs = Number(process.hrtime.bigint() - wall) / 1e3;
  const used = process.cpuUsage(cpu);
  return { cpuRate: packets / (used.user + used.system), wallRate: packets / wallUs };
}

/** The ingest path's cache keeps the engine's tick log, as the engine's does; the decode path's keeps none. */
function newCache(instruments: ReturnType<typeof benchInstruments>, tickLogCapacity: number): QuoteCache {
  const cache = new QuoteCache(instruments.length, 1_737_970_000_000, { tickLogCapacity });
  for (const i of instruments) cache.register(i.segment, i.securityId);
  return cache;
}

type CodecPath = 'decode' | 'ingest';

async function measure(kind: PacketKind, path: CodecPath, repeats: number): Promise<FigureResult> {
  const instruments = benchInstruments(INSTRUMENTS);
  const framesInPool = Math.max(1, Math.round(POOL_BYTES / (PACKET_SIZE[kind] * PACKETS_PER_FRAME)));
  progress(`building ${framesInPool * PACKETS_PER_FRAME} ${kind} packets`);
  const pool: PacketFrames = buildPacketFrames(kind, instruments, framesInPool, PACKETS_PER_FRAME);
  const views = pool.frames.map((f) => frameView(f));
  const rounds = Math.round(PACKETS_PER_RUN / pool.packetCount);
  const packets = rounds * pool.packetCount;
  const tickLog = path === 'ingest' ? new TickLog(ENGINE_DEFAULTS.tickLogCapacity) : null;
  const cache = newCache(instruments, tickLog?.capacity ?? 0);
  const ingest = tickLog === null ? null : new FeedIngest(cache, tickLog, systemClock, silentLogger);
  const subject =
    ingest === null
      ? () => decodePass(cache, pool.frames, rounds, PACKETS_PER_FRAME)
      : () => ingestPass(ingest, cache, pool.singles, rounds);

  // Warm-up: let the JIT settle on both loops before anything is timed.
  framingPass(views, 2);
  await subject();

  const framing: Timing[] = [];
  const decoded: Timing[] = [];
  for (let r = 0; r < repeats; r++) {
    let checksum = 0;
    framing.push(await timed(packets, () => (checksum = framingPass(views, rounds))));
    decoded.push(await timed(packets, subject));
    progress(
      `${kind} ${path} run ${r + 1}/${repeats}: framing ${framing[r]?.cpuRate.toFixed(0)} · ${path} ${decoded[r]?.cpuRate.toFixed(1)} M packets per CPU-second (checksum ${checksum})`,
    );
  }
  const applied = cache.counters.applied;
  const expected = packets * (repeats + 1);
  if (applied !== expected) throw new Error(`the cache applied ${applied} packets, expected ${expected}`);

  const rate = decoded.map((t) => t.cpuRate);
  const framingRate = framing.map((t) => t.cpuRate);
  const ratio = median(framingRate) / median(rate);
  const label =
    path === 'decode'
      ? `Decode + apply, ${kind} packets (${PACKET_SIZE[kind]} B), ${PACKETS_PER_FRAME} per buffer`
      : `FeedIngest.onFrame, ${kind} packets one per frame (receive stamp, walk, cache, tick log)`;
  return {
    id: `${path === 'decode' ? 'codec' : 'ingest'}.${kind}`,
    label,
    unit: 'M packets/CPU-s',
    higherIsBetter: true,
    samples: rate,
    baseline: { label: 'framing limit (headers only)', samples: framingRate },
    ratio: { label: `framing ÷ ${path}${path === 'decode' ? ' (≤ 3 wanted)' : ''}`, value: ratio },
    ...(path === 'decode'
      ? {
          target: {
            text: `≥ ${TARGET_MPS[kind]} M/s and ≤ 3× the framing limit`,
            met: median(rate) >= TARGET_MPS[kind] && ratio <= 3,
            miss: misses(
              missedBy(median(rate), TARGET_MPS[kind], true, 'M packets/s'),
              ratio > 3
                ? `decode is ${formatNumber(ratio)}× slower than framing, ${formatNumber(ratio / 3)}× the 3× allowed`
                : '',
            ),
          },
          note: `${(median(rate) / SDK_MPS[kind]).toFixed(0)}× the official Python SDK's ~${SDK_MPS[kind]} M/s (quoted, not run here). Wall-clock: ${formatSpread(decoded.map((t) => t.wallRate))} M/s, framing ${formatSpread(framing.map((t) => t.wallRate))} M/s.`,
        }
      : {
          note: `The engine's real entry per WebSocket message, with the event loop turning every ${FRAMES_PER_READ} frames. No target of its own: the feed end-to-end figure is the one that counts. Wall-clock: ${formatSpread(decoded.map((t) => t.wallRate))} M/s.`,
        }),
  };
}

caseMain(async (config) => {
  const repeats = config.quick ? 2 : 7;
  const kind = (config.options.kind ?? 'ticker') as PacketKind;
  const path = (config.options.path ?? 'decode') as CodecPath;
  const figure = await measure(kind, path, repeats);
  const perFrame =
    path === 'decode'
      ? `${PACKETS_PER_FRAME} packets per buffer`
      : `one packet per frame, the event loop turning every ${FRAMES_PER_READ} frames`;
  return {
    title: path === 'decode' ? `Codec: ${kind} packets` : `Ingest: ${kind} packets one per frame`,
    workload:
      `${PACKETS_PER_RUN / 1e6} M ${kind} packets (${PACKET_SIZE[kind]} B each) per run, ${perFrame}, addressed uniformly at random (seeded) to ` +
      `${INSTRUMENTS.toLocaleString('en-US')} registered option contracts of the simulator universe (security ids with its gaps); ` +
      `about ${POOL_BYTES / 1e6} MB of pre-built packets cycled to make up the run; dirty rows drained every ${DRAIN_EVERY.toLocaleString('en-US')} packets ` +
      `(one 50 ms batch at 100 000 packets/s); one core; ${repeats} runs after a warm-up, framing and ${path} interleaved.`,
    figures: [figure],
  };
});
