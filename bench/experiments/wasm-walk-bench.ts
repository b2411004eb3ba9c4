/**
 * The WebAssembly walker experiment beside the JavaScript codec, on the codec benchmark's
 * workload (25 000 instruments, about 4 MB of pre-built packets, 10 M packets a run, a drain
 * every 5 000), in one process, interleaved, CPU time:
 *   npx tsx bench/experiments/run-wasm-walk.ts [runs]
 * (which bundles this file as the benchmarks are bundled, so that the JavaScript path runs as
 * it does in the app; run through tsx directly it is many times slower).
 * Figures and what they mean: bench/analysis.md, "Codec: a walker in WebAssembly".
 *
 * Two shapes: frames of 1 000 packets (the codec benchmark's) and one packet per frame (what
 * DhanHQ sends, so what the engine's per-message entry sees). The WebAssembly path pays for
 * copying each frame into its memory; the JavaScript path is QuoteCache as the app runs it
 * (without the tick log and clock of FeedIngest, which the experiment does not have either).
 */
import { QuoteCache } from '../../src/shared/cache/quote-cache';
import { frameView, walkFrame, walkPackets } from '../../src/shared/feed/feed-decoder';
import { median } from '../harness/stats';
import { benchInstruments } from '../workloads/bench-instruments';
import { framingPass } from '../workloads/framing-pass';
import { buildPacketFrames, PACKET_SIZE, type PacketKind } from '../workloads/packet-frames';
import { compileWasmWalk, WasmWalkCache } from './wasm-walk';

const INSTRUMENTS = 25_000;
const PACKETS_PER_RUN = 10_000_000;
const PACKETS_PER_FRAME = 1_000;
const POOL_BYTES = 4_000_000;
const DRAIN_EVERY = 5_000;

type Pass = () => void;

/** Packets per CPU-microsecond (= millions per CPU-second) of each pass, `runs` times, interleaved. */
function interleave(passes: Record<string, Pass>, packets: number, runs: number): Record<string, number[]> {
  const rates: Record<string, number[]> = {};
  for (const pass of Object.values(passes)) pass(); // warm-up
  for (let r = 0; r < runs; r++) {
    for (const [name, pass] of Object.entries(passes)) {
      const before = process.cpuUsage();
      pass();
      const used = process.cpuUsage(before);
      (rates[name] ??= []).push(packets / (used.user + used.system));
    }
  }
  return rates;
}

async function measure(kind: PacketKind, runs: number): Promise<void> {
  const instruments = benchInstruments(INSTRUMENTS);
  const frames = Math.max(1, Math.round(POOL_BYTES / (PACKET_SIZE[kind] * PACKETS_PER_FRAME)));
  const pool = buildPacketFrames(kind, instruments, frames, PACKETS_PER_FRAME);
  const rounds = Math.round(PACKETS_PER_RUN / pool.packetCount);
  const views = pool.frames.map((f) => frameView(f));
  const cache = new QuoteCache(INSTRUMENTS, 1_737_970_000_000);
  for (const i of instruments) cache.register(i.segment, i.securityId);
  const wasm = new WasmWalkCache(await compileWasmWalk(), instruments, PACKET_SIZE[kind] * PACKETS_PER_FRAME);
  const noop = (_slot: number): void => undefined;
  const poolView = new DataView(pool.frames[0]?.buffer ?? new ArrayBuffer(0));

  // Each pass drains every DRAIN_EVERY packets, as the engine's 50 ms batch does at 100 000 packets/s.
  const jsFrames: Pass = () => {
    for (let r = 0, since = 0; r < rounds; r++)
      for (const view of views) {
        walkFrame(view, cache);
        if ((since += PACKETS_PER_FRAME) >= DRAIN_EVERY) {
          cache.drainDirty(noop);
          since = 0;
        }
      }
  };
  const wasmFrames: Pass = () => {
    for (let r = 0, since = 0; r < rounds; r++)
      for (const frame of pool.frames) {
        if (wasm.walk(frame) !== frame.length) throw new Error('the walker stopped inside a frame');
        if ((since += PACKETS_PER_FRAME) >= DRAIN_EVERY) {
          wasm.nextBatch();
          since = 0;
        }
      }
  };
  // One packet per frame: the singles of the first frame's buffer, walked through one DataView
  // per buffer as FeedIngest does (the singles of other frames live in other buffers).
  const singles = pool.singles.slice(0, PACKETS_PER_FRAME);
  const singleRounds = Math.round(PACKETS_PER_RUN / 10 / singles.length);
  const jsSingles: Pass = () => {
    for (let r = 0, since = 0; r < singleRounds; r++)
      for (const bytes of singles) {
        walkPackets(poolView, bytes.byteOffset, bytes.byteOffset + bytes.length, cache);
        if (++since >= DRAIN_EVERY) {
          cache.drainDirty(noop);
          since = 0;
        }
      }
  };
  const wasmSingles: Pass = () => {
    for (let r = 0, since = 0; r < singleRounds; r++)
      for (const bytes of singles) {
        wasm.walk(bytes);
        if (++since >= DRAIN_EVERY) {
          wasm.nextBatch();
          since = 0;
        }
      }
  };

  const framed = interleave(
    { framing: () => framingPass(views, rounds), js: jsFrames, wasm: wasmFrames },
    rounds * pool.packetCount,
    runs,
  );
  const single = interleave({ js: jsSingles, wasm: wasmSingles }, singleRounds * singles.length, runs);
  const m = (rates: number[] | undefined): number => median(rates ?? []);
  const line = (label: string, rate: number, against: string): string =>
    `  ${label.padEnd(34)} ${rate.toFixed(1).padStart(7)} M/s  ${(1000 / rate).toFixed(1).padStart(6)} ns/packet  ${against}`;
  console.log(`${kind} (${PACKET_SIZE[kind]} B), median of ${runs} runs, CPU time`);
  console.log(line('framing limit', m(framed.framing), ''));
  for (const path of ['js', 'wasm'] as const)
    console.log(
      line(
        `${path} decode + apply, 1 000 a frame`,
        m(framed[path]),
        `${(m(framed.framing) / m(framed[path])).toFixed(2)}× framing`,
      ),
    );
  for (const path of ['js', 'wasm'] as const)
    console.log(line(`${path} decode + apply, one a frame`, m(single[path]), ''));
}

async function main(): Promise<void> {
  const runs = Number(process.argv[2] ?? 5);
  await measure('ticker', runs);
  await measure('full', runs);
}

void main();
