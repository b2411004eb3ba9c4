/**
 * Host for the WebAssembly walker experiment (wasm-walk.wat): compiles the text with wabt,
 * lays out one WebAssembly memory the way QuoteCache lays out its records, and walks frames
 * copied into it. Not used by the app; it exists so that the figures in bench/analysis.md
 * ("Codec: a walker in WebAssembly") can be rerun and its results checked against QuoteCache
 * (test/bench/wasm-walk.test.ts).
 *
 * Deliberately smaller than QuoteCache: ticker and full packets of instruments in a direct
 * table only; `walk` stops at anything else and says where, so a real version would hand that
 * packet to the JavaScript path and resume after it.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import wabt from 'wabt';

const PAGE_BYTES = 65_536;
const SEGMENTS = 16;
const SEGMENT_ENTRY_BYTES = 12;
const HOT_BYTES = 16;
const COLD_BYTES = 192;
const EPOCH_STEP = 1 << 18;
const EPOCH_LAST = 0x1fff;
const EPOCH_MASK = EPOCH_LAST * EPOCH_STEP;

interface WalkExports {
  setup(segments: number, hot: number, cold: number, dirty: number): void;
  walk(at: number, end: number): number;
  readonly dirtyCount: WebAssembly.Global;
  readonly epoch: WebAssembly.Global;
  readonly receivedMs: WebAssembly.Global;
  readonly applied: WebAssembly.Global;
}

export interface WalkInstrument {
  readonly segment: number;
  readonly securityId: number;
}

/** Where the walker's text lives, from the repository root (the working directory of npm scripts and tests). */
export const WASM_WALK_WAT = resolve('bench', 'experiments', 'wasm-walk.wat');

/** The walker's binary, compiled from its text. */
export async function compileWasmWalk(path = WASM_WALK_WAT): Promise<WebAssembly.Module> {
  const toolkit = await wabt();
  const parsed = toolkit.parseWat(path, readFileSync(path, 'utf8'));
  try {
    parsed.validate();
    return new WebAssembly.Module(new Uint8Array(parsed.toBinary({}).buffer));
  } finally {
    parsed.destroy();
  }
}

export class WasmWalkCache {
  private readonly exports: WalkExports;
  private readonly bytes: Uint8Array;
  private readonly hotAt: number;
  private readonly coldAt: number;
  private readonly dirtyAt: number;
  private readonly slotCount: number;
  private readonly slots = new Map<string, number>();

  /**
   * @param instruments slot i is instruments[i]; each segment's ids get one direct table over their range.
   * @param frameBytes the largest frame `walk` takes.
   */
  constructor(module: WebAssembly.Module, instruments: readonly WalkInstrument[], frameBytes: number) {
    this.slotCount = instruments.length;
    const ranges = new Map<number, { low: number; high: number }>();
    for (const { segment, securityId } of instruments) {
      const range = ranges.get(segment) ?? { low: securityId, high: securityId };
      ranges.set(segment, { low: Math.min(range.low, securityId), high: Math.max(range.high, securityId) });
    }
    const segmentsAt = align(frameBytes, 64);
    let next = segmentsAt + SEGMENTS * SEGMENT_ENTRY_BYTES;
    const tables = new Map<number, { low: number; length: number; at: number }>();
    for (const [segment, { low, high }] of ranges) {
      next = align(next, 64);
      tables.set(segment, { low, length: high - low + 1, at: next });
      next += (high - low + 1) * 4;
    }
    this.hotAt = align(next, 64);
    this.coldAt = align(this.hotAt + instruments.length * HOT_BYTES, 64);
    this.dirtyAt = this.coldAt + instruments.length * COLD_BYTES;
    const bytes = this.dirtyAt + (instruments.length + 1) * 4;
    const memory = new WebAssembly.Memory({ initial: Math.ceil(bytes / PAGE_BYTES) });
    this.bytes = new Uint8Array(memory.buffer);
    const words = new Int32Array(memory.buffer);
    for (const [segment, table] of tables) {
      const entry = (segmentsAt + segment * SEGMENT_ENTRY_BYTES) / 4;
      words[entry] = table.low;
      words[entry + 1] = table.length;
      words[entry + 2] = table.at;
      words.fill(-1, table.at / 4, table.at / 4 + table.length);
    }
    instruments.forEach(({ segment, securityId }, slot) => {
      const table = tables.get(segment) as { low: number; at: number };
      words[table.at / 4 + securityId - table.low] = slot;
      this.slots.set(`${segment}:${securityId}`, slot);
    });
    const instance = new WebAssembly.Instance(module, { env: { memory } });
    this.exports = instance.exports as unknown as WalkExports;
    this.exports.setup(segmentsAt, this.hotAt, this.coldAt, this.dirtyAt);
  }

  /** Receive time (ms after some base) stamped on the packets walked next. */
  setReceivedMs(ms: number): void {
    this.exports.receivedMs.value = ms;
  }

  /**
   * Copies `frame` into the walker's memory and applies it. Returns the offset of the first
   * packet it did not apply (the frame's length when it applied all of them).
   */
  walk(frame: Uint8Array): number {
    this.bytes.set(frame, 0);
    return this.exports.walk(0, frame.length);
  }

  /** The slots queued since the last drain, in queue order; starts the next batch. */
  drain(): number[] {
    const count = this.exports.dirtyCount.value as number;
    const queued = Array.from(new Int32Array(this.bytes.buffer, this.dirtyAt, count));
    this.nextBatch();
    return queued;
  }

  /**
   * Starts the next batch without reading the queue (what the benchmark's drain does). When
   * the epochs run out, every slot's epoch is reset first, as QuoteCache does.
   */
  nextBatch(): void {
    const epoch = (this.exports.epoch.value as number) / EPOCH_STEP;
    if (epoch === EPOCH_LAST) {
      const states = new Int32Array(this.bytes.buffer, this.hotAt, this.slotCount * (HOT_BYTES / 4));
      for (let at = 3; at < states.length; at += HOT_BYTES / 4)
        states[at] = (states[at] as number) & ~EPOCH_MASK;
    }
    this.exports.epoch.value = (epoch === EPOCH_LAST ? 1 : epoch + 1) * EPOCH_STEP;
    this.exports.dirtyCount.value = 0;
  }

  get applied(): number {
    return this.exports.applied.value as number;
  }

  slotOf(segment: number, securityId: number): number {
    return this.slots.get(`${segment}:${securityId}`) ?? -1;
  }

  /** A slot's 16-byte hot record (LTP, LTT, receive time, state), as QuoteCache keeps it. */
  hotRecord(slot: number): Uint8Array {
    return this.bytes.slice(this.hotAt + slot * HOT_BYTES, this.hotAt + (slot + 1) * HOT_BYTES);
  }

  /** A slot's 192-byte cold record, as QuoteCache keeps it. */
  coldRecord(slot: number): Uint8Array {
    return this.bytes.slice(this.coldAt + slot * COLD_BYTES, this.coldAt + (slot + 1) * COLD_BYTES);
  }
}

function align(offset: number, to: number): number {
  return Math.ceil(offset / to) * to;
}
