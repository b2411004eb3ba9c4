/**
 * Where everything the QuoteCache keeps per packet lives in its one memory (a WebAssembly
 * memory where the runtime has one, so that the hot path in hot-path.wat can read and write it;
 * a plain ArrayBuffer otherwise). Byte offsets; every region starts on a 64-byte cache line.
 *
 *   control    CONTROL words shared by the JavaScript and WebAssembly paths
 *   segments   per segment byte (256: a code over 15 reads as "no table"): lowest id,
 *              direct-table length, direct-table address
 *   scratch    the frame being applied, copied in from the socket's buffer
 *   meta       META_RECORD.WORDS words a slot: state word, receive time (quote-record.ts)
 *   hot        RECORD.HOT_WORDS words a slot: a ticker packet's LTP and LTT
 *   cold       RECORD.WORDS words a slot
 *   queue      slots queued for the next batch (capacity + 1 entries: see QuoteCache.stored)
 *   ticks      the tick log's ring when the cache keeps one (tick-ring.ts)
 *   direct     one region of `maxSpan` entries per segment code for InstrumentIndex's direct
 *              tables; last, because most of it is never touched and stays unbacked
 */
import { INDEX_SEGMENTS, SEGMENT_ENTRY_WORDS } from './instrument-index';
import { META_RECORD, RECORD } from './quote-record';
import { TICK_ENTRY_BYTES } from './tick-ring';

/** Word indices of the control block (a Uint32Array over its bytes). */
export enum CONTROL {
  /** Slots in the queue. */
  QUEUED = 0,
  /** The next batch's epoch, in place in the state word (STATE.EPOCH_MASK). */
  EPOCH_BITS = 1,
  /** Receive time stamped on the packets being applied (ms after the cache's base time). */
  RECEIVED_MS = 2,
  /** Packets applied since the last drain (folded into a wider count there). */
  APPLIED = 3,
  /** The tick ring's cursor (tick-ring.ts): next entry, entries written (low, high). */
  TICK_CURSOR = 4,
  /** Receive time of the packets being applied, as a float64 of epoch ms in words 8–9 (the tick log's). */
  TICK_TIME_MS = 8,
  WORDS = 10,
}

/** Entries in the segment table: one for every value of the packet's segment byte. */
export const SEGMENT_BYTE_VALUES = 256;

/** Bytes of frame the scratch holds by default; longer frames are copied in and applied a window at a time. */
export const DEFAULT_SCRATCH_BYTES = 65_536;

export interface CacheLayout {
  readonly control: number;
  readonly segments: number;
  readonly scratch: number;
  readonly scratchBytes: number;
  readonly meta: number;
  readonly hot: number;
  readonly cold: number;
  readonly queue: number;
  readonly ticks: number;
  readonly tickCapacity: number;
  readonly direct: number;
  readonly maxSpan: number;
  readonly bytes: number;
}

export function cacheLayout(
  capacity: number,
  maxSpan: number,
  scratchBytes = DEFAULT_SCRATCH_BYTES,
  tickCapacity = 0,
): CacheLayout {
  const control = 0;
  const segments = line(control + CONTROL.WORDS * 4);
  const scratch = line(segments + SEGMENT_BYTE_VALUES * SEGMENT_ENTRY_WORDS * 4);
  const meta = line(scratch + scratchBytes);
  const hot = line(meta + capacity * META_RECORD.WORDS * 4);
  const cold = line(hot + capacity * RECORD.HOT_WORDS * 4);
  const queue = line(cold + capacity * RECORD.WORDS * 4);
  const ticks = line(queue + (capacity + 1) * 4);
  const direct = line(ticks + tickCapacity * TICK_ENTRY_BYTES);
  const bytes = direct + INDEX_SEGMENTS * maxSpan * 4;
  return {
    control,
    segments,
    scratch,
    scratchBytes,
    meta,
    hot,
    cold,
    queue,
    ticks,
    tickCapacity,
    direct,
    maxSpan,
    bytes,
  };
}

function line(offset: number): number {
  return Math.ceil(offset / 64) * 64;
}
