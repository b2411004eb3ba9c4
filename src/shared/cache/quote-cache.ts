/**
 * The live quote cache: three fixed-size records per registered instrument, an 8-byte meta one
 * (state, receive time), an 8-byte hot one (a ticker packet's LTP and LTT) and a 192-byte cold
 * one (everything else): see quote-record.ts. Applying a packet is O(1) and allocates nothing. Changed slots are queued
 * once each for the next batch.
 *
 * Frames arrive through `applyFrame`, which copies the frame into the cache's memory and
 * applies it there with the WebAssembly hot path (hot-path.wat), handing any packet that path
 * leaves (rare codes, malformed lengths, ids outside the direct tables) to the JavaScript path
 * below. The cache is also a FeedFrameVisitor, the JavaScript path itself: it reads fields
 * straight from a frame's DataView at the layout's offsets into the records. Both leave
 * identical records (test/shared/cache/hot-path.test.ts); where the runtime has no
 * WebAssembly the JavaScript path does all of it. The one-packet frames of a socket read can
 * instead be staged (`stageFrame`) and applied together in one pass (`applyStaged`).
 */
import {
  DEPTH,
  FEED_CODE,
  FULL,
  HEADER,
  OI,
  PACKET_BYTES,
  PREV_CLOSE,
  QUOTE,
  TICKER,
} from '../feed/feed-layout';
import { walkPackets, type CodecErrorCode, type FeedFrameVisitor } from '../feed/feed-decoder';
import { allocateAligned } from './aligned-buffer';
import { cacheLayout, CONTROL, DEFAULT_SCRATCH_BYTES } from './cache-layout';
import { instantiateHotPath, type HotPathExports } from './hot-path';
import { INDEX_SEGMENTS, InstrumentIndex, SEGMENT_ENTRY_WORDS } from './instrument-index';
import { DEPTH_WORD, HOT, KNOWN, META, META_RECORD, QUOTE_SOURCE, RECORD, STATE, WORD } from './quote-record';
import { TICK_CURSOR_WORDS, TICK_ENTRY_BYTES, writeTick, type TickRing } from './tick-ring';

export { QUOTE_SOURCE } from './quote-record';

export interface RestQuote {
  readonly ltp: number | null;
  readonly prevClose: number | null;
  readonly oi: number | null;
  readonly prevOi: number | null;
  readonly volume: number | null;
  readonly atp: number | null;
  readonly bidPrice: number | null;
  readonly bidQty: number | null;
  readonly askPrice: number | null;
  readonly askQty: number | null;
}

/** A REST quote with every value unknown: spread it and set what a snapshot has. */
export const EMPTY_REST_QUOTE: RestQuote = Object.freeze({
  ltp: null,
  prevClose: null,
  oi: null,
  prevOi: null,
  volume: null,
  atp: null,
  bidPrice: null,
  bidQty: null,
  askPrice: null,
  askQty: null,
});

export interface DepthLevelValues {
  readonly bidQty: number;
  readonly askQty: number;
  readonly bidOrders: number;
  readonly askOrders: number;
  readonly bidPrice: number;
  readonly askPrice: number;
}

export interface QuoteCacheCounters {
  /** Packets that updated a registered instrument. */
  readonly applied: number;
  /** Packets for instruments the cache does not hold (counted, not an error). */
  readonly unknownInstrument: number;
  /** Index (1) and market-status (7) packets: kept raw by the codec, counted here. */
  readonly undocumented: number;
  /** Disconnect packets seen in frames (acted on by the connection, counted here). */
  readonly disconnects: number;
  /** Rejected packets by codec error code. */
  readonly rejected: Readonly<Record<CodecErrorCode, number>>;
}

export interface QuoteCacheOptions {
  /** 'javascript' keeps the WebAssembly hot path out (tests of the JavaScript path). Default 'auto'. */
  readonly hotPath?: 'auto' | 'javascript';
  /** Bytes of frame the cache copies into its memory to apply; longer frames are applied a window at a time. */
  readonly scratchBytes?: number;
  /**
   * Entries of a tick-log ring kept in the cache's memory, where both paths record every packet
   * they are given (tick-ring.ts; a TickLog moves into it). Default 0: none.
   */
  readonly tickLogCapacity?: number;
}

type RareCounters = { -readonly [K in Exclude<keyof QuoteCacheCounters, 'applied' | 'rejected'>]: number } & {
  rejected: Record<CodecErrorCode, number>;
};

export class QuoteCache implements FeedFrameVisitor {
  readonly capacity: number;
  private readonly index: InstrumentIndex;
  private size = 0;

  /** True when the cold records are known to start on a cache line (see aligned-buffer.ts). */
  readonly recordsAligned: boolean;
  /** Why frames are applied in JavaScript rather than WebAssembly, or null when they are not. */
  readonly hotPathBecause: string | null;
  private readonly hotPath: HotPathExports | null;
  /** The whole memory, bytewise and as one DataView (the scratch frame is walked through it). */
  private readonly memoryBytes: Uint8Array;
  private readonly memoryView: DataView;
  private readonly scratchAt: number;
  private readonly scratchBytes: number;
  /** A DataView over the buffer of the last frame walked where it lies (see applyInPlace). */
  private longFrameView: DataView | null = null;
  /** Where the last `walkHot` stopped: the end of its window, or the start of a packet the window cut. */
  private walkedTo = 0;
  /** True when the last `walkHot` met a packet that ends the frame (truncated or badly framed). */
  private frameCut = false;
  /** End of the frames staged in the scratch (`scratchAt` when none; see stageFrame). */
  private stagedEnd: number;
  /** Packets of staged frames applied on the way to something else, not yet returned by `applyStaged`. */
  private stagedDelivered = 0;
  /** CONTROL words: queued count, epoch, receive time, applied since the last drain, tick cursor. */
  private readonly control: Uint32Array;
  /** CONTROL.TICK_TIME_MS: the receive time as epoch ms, for the tick log. */
  private readonly tickTimeMs: Float64Array;
  /** The tick log's ring in this cache's memory, or null when the cache keeps none. */
  readonly tickRing: TickRing | null;
  /** Cold records (RECORD.WORDS per slot). */
  private readonly f32: Float32Array;
  private readonly u32: Uint32Array;
  /** The cold records as float64: a full packet's block copy (see copyFull). */
  private readonly f64: Float64Array;
  /** Meta records (META_RECORD.WORDS per slot): `metaI32` reads and writes the state word. */
  private readonly metaI32: Int32Array;
  private readonly metaU32: Uint32Array;
  /** Hot records (RECORD.HOT_WORDS per slot). */
  private readonly hotF32: Float32Array;
  private readonly hotU32: Uint32Array;
  private readonly segmentOf: Uint8Array;
  private readonly securityIdOf: Uint32Array;

  /**
   * Slots queued for the next batch (each once: its state's epoch is CONTROL.EPOCH_BITS, never
   * 0); CONTROL.QUEUED of them.
   */
  private readonly dirtyList: Int32Array;

  /** Receive times are stored as u32 milliseconds after this instant. */
  private readonly baseTimeMs: number;
  /** Packets applied up to the last drain (CONTROL.APPLIED counts those since). */
  private appliedBeforeDrain = 0;
  private rejectedCount = 0;
  private readonly rare: RareCounters = {
    unknownInstrument: 0,
    undocumented: 0,
    disconnects: 0,
    rejected: { CODEC_TRUNCATED: 0, CODEC_BAD_LENGTH: 0, CODEC_LENGTH_MISMATCH: 0, CODEC_UNKNOWN_CODE: 0 },
  };

  /**
   * @param capacity most instruments the cache can hold (records are allocated up front: 208 bytes each).
   * @param baseTimeMs epoch ms from which receive times are counted (the engine's start time).
   *   Receive times are stored in 32 bits: they must fall within 49 days after it.
   */
  constructor(capacity: number, baseTimeMs: number, options: QuoteCacheOptions = {}) {
    this.capacity = capacity;
    this.baseTimeMs = baseTimeMs;
    const tickCapacity = options.tickLogCapacity ?? 0;
    const layout = cacheLayout(
      capacity,
      InstrumentIndex.defaultMaxSpan(capacity),
      options.scratchBytes ?? DEFAULT_SCRATCH_BYTES,
      tickCapacity,
    );
    const { buffer, memory, aligned, unalignedBecause } = allocateAligned(layout.bytes);
    this.recordsAligned = aligned;
    this.index = new InstrumentIndex(capacity, {
      storage: {
        words: new Int32Array(buffer, layout.direct, layout.bytes / 4 - layout.direct / 4),
        segments: new Int32Array(buffer, layout.segments, INDEX_SEGMENTS * SEGMENT_ENTRY_WORDS),
      },
    });
    const words = capacity * RECORD.WORDS;
    this.f32 = new Float32Array(buffer, layout.cold, words);
    this.u32 = new Uint32Array(buffer, layout.cold, words);
    this.f64 = new Float64Array(buffer, layout.cold, words / 2);
    const metaWords = capacity * META_RECORD.WORDS;
    this.metaI32 = new Int32Array(buffer, layout.meta, metaWords);
    this.metaU32 = new Uint32Array(buffer, layout.meta, metaWords);
    const hotWords = capacity * RECORD.HOT_WORDS;
    this.hotF32 = new Float32Array(buffer, layout.hot, hotWords);
    this.hotU32 = new Uint32Array(buffer, layout.hot, hotWords);
    this.segmentOf = new Uint8Array(capacity);
    this.securityIdOf = new Uint32Array(capacity);
    this.dirtyList = new Int32Array(buffer, layout.queue, capacity + 1); // + 1: see stored()
    this.control = new Uint32Array(buffer, layout.control, CONTROL.WORDS);
    this.control[CONTROL.EPOCH_BITS] = 1 << STATE.EPOCH_SHIFT;
    this.queueOnly(null);
    this.tickTimeMs = new Float64Array(buffer, layout.control + CONTROL.TICK_TIME_MS * 4, 1);
    this.memoryBytes = new Uint8Array(buffer);
    this.memoryView = new DataView(buffer);
    this.tickRing =
      tickCapacity === 0
        ? null
        : {
            capacity: tickCapacity,
            entries: new Uint8Array(buffer, layout.ticks, tickCapacity * TICK_ENTRY_BYTES),
            view: this.memoryView,
            cursor: this.control.subarray(CONTROL.TICK_CURSOR, CONTROL.TICK_CURSOR + TICK_CURSOR_WORDS),
          };
    this.scratchAt = layout.scratch;
    this.scratchBytes = layout.scratchBytes;
    this.stagedEnd = layout.scratch;
    const loaded =
      options.hotPath === 'javascript'
        ? { hotPath: null, unavailableBecause: 'the JavaScript path was asked for' }
        : memory === null
          ? { hotPath: null, unavailableBecause: unalignedBecause ?? 'the cache has no WebAssembly memory' }
          : instantiateHotPath(memory);
    this.hotPath = loaded.hotPath;
    this.hotPathBecause = loaded.unavailableBecause;
    this.hotPath?.setup(
      layout.control,
      layout.segments,
      layout.meta,
      layout.hot,
      layout.cold,
      layout.queue,
      layout.ticks,
      tickCapacity,
    );
  }

  /** Packets rejected so far, all codes together (cheap to read per frame, unlike `counters`). */
  get rejectedTotal(): number {
    return this.rejectedCount;
  }

  /** A snapshot of the packet counters. */
  get counters(): QuoteCacheCounters {
    const applied = this.appliedBeforeDrain + (this.control[CONTROL.APPLIED] as number);
    return { applied, ...this.rare, rejected: { ...this.rare.rejected } };
  }

  /** Instruments registered so far. */
  get count(): number {
    return this.size;
  }

  /** Registers an instrument and returns its slot (the existing slot if already registered). */
  register(segment: number, securityId: number): number {
    const existing = this.index.get(segment, securityId);
    if (existing >= 0) return existing;
    if (this.size >= this.capacity) throw new RangeError(`QuoteCache is full (${this.capacity} instruments)`);
    const slot = this.size++;
    this.index.set(segment, securityId, slot);
    this.segmentOf[slot] = segment;
    this.securityIdOf[slot] = securityId;
    return slot;
  }

  /** The slot of an instrument, or -1. */
  slotOf(segment: number, securityId: number): number {
    return this.index.get(segment, securityId);
  }

  segment(slot: number): number {
    return this.segmentOf[slot] as number;
  }

  securityId(slot: number): number {
    return this.securityIdOf[slot] as number;
  }

  /** Sets the receive time stamped on the packets of the next frame(s); frames staged before it keep theirs. */
  setFrameTime(epochMs: number): void {
    this.applyStagedNow();
    this.control[CONTROL.RECEIVED_MS] = this.offsetOf(epochMs);
    this.tickTimeMs[0] = epochMs;
  }

  private offsetOf(epochMs: number): number {
    return Math.min(Math.max(Math.round(epochMs - this.baseTimeMs), 0), 0xffffffff);
  }

  // ── Frames ──────────────────────────────────────────────────────────────────────────────

  /**
   * Applies every packet of `bytes` (one WebSocket frame) and returns how many were delivered
   * (well-formed packets of a known code, as walkFrame counts them); each is also recorded in
   * the tick ring when the cache keeps one.
   */
  applyFrame(bytes: Uint8Array): number {
    const staged = this.applyStaged();
    const length = bytes.length;
    if (length > this.scratchBytes)
      return staged + (this.hotPath === null ? this.applyInPlace(bytes, 0) : this.applyInWindows(bytes));
    const start = this.scratchAt;
    this.memoryBytes.set(bytes, start);
    return (
      staged +
      (this.hotPath === null
        ? walkPackets(this.memoryView, start, start + length, this)
        : this.walkHot(start, start + length, true))
    );
  }

  /**
   * Copies a frame into the scratch behind the frames staged before it, to be applied with them
   * by `applyStaged`: the frames of one socket read then take one pass of the hot path instead
   * of one call each. Only a frame that is exactly one packet of a kind the cache stores, at
   * least that kind's length, is staged: nothing in it can be rejected, and applying it after
   * its neighbours in one walk is applying it on its own. Returns false for any other frame,
   * for one longer than the scratch, and where there is no WebAssembly path; the caller
   * applies those with `applyFrame`.
   *
   * Staged frames are applied by `applyStaged`, and before anything that would reorder them:
   * `applyFrame`, `setFrameTime` (they keep the receive time they were staged under) and
   * `drainDirty`. Until then the records do not show them: the caller applies them before
   * its turn of the event loop ends (FeedIngest does, in a microtask).
   */
  stageFrame(bytes: Uint8Array): boolean {
    const length = bytes.length;
    if (
      length < HEADER.BYTES ||
      length > MAX_STAGED_FRAME_BYTES ||
      length > this.scratchBytes ||
      ((bytes[HEADER.LENGTH] as number) | ((bytes[HEADER.LENGTH + 1] as number) << 8)) !== length ||
      length < storedPacketBytes(bytes[HEADER.CODE] as number) ||
      this.hotPath === null
    )
      return false;
    if (this.stagedEnd + length > this.scratchAt + this.scratchBytes) this.applyStagedNow();
    this.memoryBytes.set(bytes, this.stagedEnd);
    this.stagedEnd += length;
    return true;
  }

  /** Applies the staged frames (see stageFrame) and returns how many packets were delivered since the last call. */
  applyStaged(): number {
    this.applyStagedNow();
    const delivered = this.stagedDelivered;
    this.stagedDelivered = 0;
    return delivered;
  }

  /** Applies the staged frames now, keeping their count for the next `applyStaged`. */
  private applyStagedNow(): void {
    if (this.stagedEnd === this.scratchAt) return;
    const end = this.stagedEnd;
    this.stagedEnd = this.scratchAt;
    this.stagedDelivered += this.walkHot(this.scratchAt, end, true);
  }

  /**
   * The WebAssembly path over [start, end) of the scratch, with each packet it leaves handed to
   * the JavaScript path. When `frameEnds` is false the frame goes on past `end`: a packet cut
   * by `end` is left for the next window, and `walkedTo` says where this one stopped.
   */
  private walkHot(start: number, end: number, frameEnds: boolean): number {
    const walk = (this.hotPath as HotPathExports).walk;
    const control = this.control;
    const view = this.memoryView;
    let delivered = 0;
    let at = start;
    for (;;) {
      const before = control[CONTROL.APPLIED] as number;
      const stop = walk(at, end);
      delivered += (control[CONTROL.APPLIED] as number) - before;
      this.walkedTo = stop;
      if (stop >= end) return delivered;
      const left = end - stop;
      const length = left >= HEADER.BYTES ? view.getUint16(stop + HEADER.LENGTH, true) : 0;
      if (!frameEnds && (left < HEADER.BYTES || length > left)) return delivered;
      if (length < HEADER.BYTES || length > left) {
        // Badly framed: the walker reports it, and nothing after it can be framed.
        this.walkedTo = end;
        this.frameCut = true;
        return delivered + walkPackets(view, stop, end, this);
      }
      delivered += walkPackets(view, stop, stop + length, this);
      at = stop + length;
    }
  }

  /** A frame longer than the scratch, copied in and applied a window at a time (DhanHQ sends one packet per frame). */
  private applyInWindows(bytes: Uint8Array): number {
    const length = bytes.length;
    const start = this.scratchAt;
    let delivered = 0;
    let from = 0;
    while (from < length) {
      const take = Math.min(this.scratchBytes, length - from);
      this.memoryBytes.set(bytes.subarray(from, from + take), start);
      this.frameCut = false;
      delivered += this.walkHot(start, start + take, from + take === length);
      if (this.frameCut) return delivered;
      const walked = this.walkedTo - start;
      // A packet longer than the whole scratch: the rest of the frame is walked where it lies.
      if (walked === 0) return delivered + this.applyInPlace(bytes, from);
      from += walked;
    }
    return delivered;
  }

  /** Walks bytes [from, end) of a frame where they lie, in JavaScript. */
  private applyInPlace(bytes: Uint8Array, from: number): number {
    const buffer = bytes.buffer;
    if (this.longFrameView === null || this.longFrameView.buffer !== buffer)
      this.longFrameView = new DataView(buffer);
    const start = bytes.byteOffset;
    return walkPackets(this.longFrameView, start + from, start + bytes.length, this);
  }

  // ── FeedFrameVisitor: the JavaScript path ───────────────────────────────────────────────
  //
  // Kept small so V8 inlines `packet` into the frame walker: each packet kind has its own copy
  // routine, and every field is copied as its bit pattern (prices too: 32 bits at a time, or 64
  // for a full packet's block), so no value is converted on the way in.

  packet(code: number, segment: number, securityId: number, view: DataView, at: number): void {
    if (this.tickRing !== null) writeTick(this.tickRing, this.tickTimeMs[0] as number, view, at);
    const slot = this.index.get(segment, securityId);
    if (slot >= 0) {
      // One `stored` call per kind: inlined at each, it sees its bits as constants.
      if (code === FEED_CODE.TICKER)
        return this.stored(slot, this.copyTicker(slot << RECORD.HOT_SHIFT, view, at), STATE.PRICE_COLD);
      if (code === FEED_CODE.FULL) return this.stored(slot, this.copyFull(slot, view, at), 0);
      const known = this.copyOther(code, slot, view, at);
      if (known !== 0) return this.stored(slot, known, 0);
    }
    this.countUnaddressed(code);
  }

  /**
   * Stamps the receive time, records what is now known (`known`: the KNOWN bits, and
   * STATE.PRICE_COLD when the packet's price went to the cold record; `clear`: the state bits
   * it clears) and queues the slot for the next batch.
   */
  private stored(slot: number, known: number, clear: number): void {
    const meta = slot << META_RECORD.SHIFT;
    const control = this.control;
    this.metaU32[meta + META.UPDATED_MS] = control[CONTROL.RECEIVED_MS] as number;
    const state = this.metaI32[meta + META.STATE] as number;
    const epoch = control[CONTROL.EPOCH_BITS] as number;
    // A slot whose epoch is not the current one is not in the next batch yet. Ticks for queued
    // and unqueued slots interleave unpredictably, so a branch here would mispredict.
    // Branch-free: a queued slot writes past the end of the list without counting it
    // ((d | −d) >>> 31 is 1 exactly when d is not 0), and so does a slot nobody watches.
    const differs = (state & STATE.EPOCH_MASK) ^ epoch;
    const queued = control[CONTROL.QUEUED] as number;
    this.dirtyList[queued] = slot;
    control[CONTROL.QUEUED] = queued + (((differs | -differs) >>> 31) & (state >>> STATE.WATCHED_SHIFT));
    this.metaI32[meta + META.STATE] =
      (state & ~(STATE.SOURCE_MASK | STATE.EPOCH_MASK | clear)) | known | STATE.SOURCE_FEED | epoch;
    control[CONTROL.APPLIED] = (control[CONTROL.APPLIED] as number) + 1;
  }

  reject(error: CodecErrorCode): void {
    this.rare.rejected[error]++;
    this.rejectedCount++;
  }

  private countUnaddressed(code: number): void {
    if (code === FEED_CODE.DISCONNECT) this.rare.disconnects++;
    else if (code === FEED_CODE.INDEX || code === FEED_CODE.MARKET_STATUS) this.rare.undocumented++;
    else this.rare.unknownInstrument++;
  }

  private copyTicker(hot: number, view: DataView, at: number): number {
    const h = this.hotU32;
    h[hot + HOT.LTP] = view.getUint32(at + TICKER.LTP, true);
    h[hot + HOT.LTT] = view.getUint32(at + TICKER.LTT, true);
    return KNOWN.LTP;
  }

  /** Quote, OI and prev-close packets: the state bits they set, or 0 for a code the cache does not store. */
  private copyOther(code: number, slot: number, view: DataView, at: number): number {
    const u = this.u32;
    const base = slot * RECORD.WORDS;
    switch (code) {
      case FEED_CODE.QUOTE:
        u[base + WORD.LTP] = view.getUint32(at + QUOTE.LTP, true);
        u[base + WORD.LTT] = view.getUint32(at + QUOTE.LTT, true);
        u[base + WORD.LTQ] = view.getUint16(at + QUOTE.LTQ, true);
        u[base + WORD.ATP] = view.getUint32(at + QUOTE.ATP, true);
        u[base + WORD.VOLUME] = view.getUint32(at + QUOTE.VOLUME, true);
        u[base + WORD.TOTAL_SELL_QTY] = view.getUint32(at + QUOTE.TOTAL_SELL_QTY, true);
        u[base + WORD.TOTAL_BUY_QTY] = view.getUint32(at + QUOTE.TOTAL_BUY_QTY, true);
        u[base + WORD.OPEN] = view.getUint32(at + QUOTE.OPEN, true);
        u[base + WORD.CLOSE] = view.getUint32(at + QUOTE.CLOSE, true);
        u[base + WORD.HIGH] = view.getUint32(at + QUOTE.HIGH, true);
        u[base + WORD.LOW] = view.getUint32(at + QUOTE.LOW, true);
        return KNOWN.LTP | KNOWN.QUOTE | STATE.PRICE_COLD;
      case FEED_CODE.OI:
        u[base + WORD.OI] = view.getUint32(at + OI.OI, true);
        return KNOWN.OI;
      case FEED_CODE.PREV_CLOSE:
        u[base + WORD.PREV_CLOSE] = view.getUint32(at + PREV_CLOSE.PRICE, true);
        u[base + WORD.PREV_OI] = view.getUint32(at + PREV_CLOSE.OI, true);
        return KNOWN.PREV;
      default:
        return 0;
    }
  }

  private copyFull(slot: number, view: DataView, at: number): number {
    const base = slot * RECORD.WORDS;
    this.u32[base + WORD.LTP] = view.getUint32(at + FULL.LTP, true);
    this.u32[base + WORD.LTT] = view.getUint32(at + FULL.LTT, true);
    this.u32[base + WORD.LTQ] = view.getUint16(at + FULL.LTQ, true);
    // ATP … the last depth level: the record repeats the wire's order (quote-record.ts), so the
    // 144 bytes go across eight at a time as float64 bit patterns, which a copy from one typed
    // array position to another leaves as they are (test/shared/cache/quote-cache-block.test.ts).
    // Three calls of six rather than a loop of eighteen: 24 M full packets/s unrolled, 15.5 looped.
    const to = (base + WORD.ATP) >> 1;
    const from = at + FULL.ATP;
    this.copySixDoubles(to, view, from);
    this.copySixDoubles(to + 6, view, from + 48);
    this.copySixDoubles(to + 12, view, from + 96);
    return KNOWN.LTP | KNOWN.QUOTE | KNOWN.OI | KNOWN.OI_RANGE | KNOWN.DEPTH | STATE.PRICE_COLD;
  }

  private copySixDoubles(to: number, view: DataView, from: number): void {
    const f = this.f64;
    f[to] = view.getFloat64(from, true);
    f[to + 1] = view.getFloat64(from + 8, true);
    f[to + 2] = view.getFloat64(from + 16, true);
    f[to + 3] = view.getFloat64(from + 24, true);
    f[to + 4] = view.getFloat64(from + 32, true);
    f[to + 5] = view.getFloat64(from + 40, true);
  }

  // ── REST snapshots ──────────────────────────────────────────────────────────────────────

  /**
   * Fills a slot from a REST option-chain row. A slot the feed updated after `requestedAtMs`
   * holds newer values than the snapshot and is left alone (returns false).
   */
  applyRest(slot: number, quote: RestQuote, requestedAtMs: number, receivedAtMs: number): boolean {
    const base = slot * RECORD.WORDS;
    const meta = slot << META_RECORD.SHIFT;
    const u = this.u32;
    const f = this.f32;
    if (this.source(slot) === QUOTE_SOURCE.FEED && (this.updatedAtMs(slot) as number) >= requestedAtMs)
      return false;
    let known = this.metaI32[meta + META.STATE] as number;
    if (isFiniteNumber(quote.ltp)) {
      // Where the price already is; a snapshot brings no trade time, so the LTT stays as it was.
      if ((known & STATE.PRICE_COLD) !== 0) f[base + WORD.LTP] = quote.ltp;
      else this.hotF32[(slot << RECORD.HOT_SHIFT) + HOT.LTP] = quote.ltp;
      known |= KNOWN.LTP;
    }
    if (isFiniteNumber(quote.prevClose) && isFiniteNumber(quote.prevOi)) {
      f[base + WORD.PREV_CLOSE] = quote.prevClose;
      u[base + WORD.PREV_OI] = quote.prevOi;
      known |= KNOWN.PREV;
    }
    if (isFiniteNumber(quote.oi)) {
      u[base + WORD.OI] = quote.oi;
      known |= KNOWN.OI;
    }
    if (isFiniteNumber(quote.volume)) {
      u[base + WORD.VOLUME] = quote.volume;
      known |= KNOWN.VOLUME;
    }
    if (isFiniteNumber(quote.atp)) {
      f[base + WORD.ATP] = quote.atp;
      known |= KNOWN.ATP;
    }
    if (
      isFiniteNumber(quote.bidPrice) &&
      isFiniteNumber(quote.bidQty) &&
      isFiniteNumber(quote.askPrice) &&
      isFiniteNumber(quote.askQty)
    ) {
      const best = base + WORD.DEPTH;
      u[best + DEPTH_WORD.BID_QTY] = quote.bidQty;
      u[best + DEPTH_WORD.ASK_QTY] = quote.askQty;
      f[best + DEPTH_WORD.BID_PRICE] = quote.bidPrice;
      f[best + DEPTH_WORD.ASK_PRICE] = quote.askPrice;
      known |= KNOWN.BEST;
    }
    // `known` began as the whole state word, so the epoch is kept: a slot already queued for
    // the next batch is not queued twice.
    this.metaI32[meta + META.STATE] = (known & ~STATE.SOURCE_MASK) | STATE.SOURCE_REST;
    this.metaU32[meta + META.UPDATED_MS] = this.offsetOf(receivedAtMs);
    this.markDirty(slot);
    return true;
  }

  /** Queues a slot for the next batch (once). */
  markDirty(slot: number): void {
    const at = (slot << META_RECORD.SHIFT) + META.STATE;
    const state = this.metaI32[at] as number;
    const epoch = this.control[CONTROL.EPOCH_BITS] as number;
    if ((state & STATE.EPOCH_MASK) !== epoch) {
      this.metaI32[at] = (state & ~STATE.EPOCH_MASK) | epoch;
      const queued = this.control[CONTROL.QUEUED] as number;
      this.dirtyList[queued] = slot;
      this.control[CONTROL.QUEUED] = queued + 1;
    }
  }

  // ── Batches ─────────────────────────────────────────────────────────────────────────────

  /**
   * From now on, changes are queued for the next batch only for `slots` (null: for every slot,
   * the default). Packets still update every slot's records; only the queue is narrowed, so that
   * a batch does not walk tens of thousands of changes nobody shows. Call it between batches
   * (right after a drain): a slot changed earlier in the batch is not queued after the fact.
   */
  queueOnly(slots: Iterable<number> | null): void {
    const meta = this.metaI32;
    for (let at = META.STATE; at < meta.length; at += META_RECORD.WORDS)
      meta[at] =
        slots === null ? (meta[at] as number) | STATE.WATCHED : (meta[at] as number) & ~STATE.WATCHED;
    if (slots === null) return;
    for (const slot of slots)
      if (slot >= 0 && slot < this.capacity) {
        const at = (slot << META_RECORD.SHIFT) + META.STATE;
        meta[at] = (meta[at] as number) | STATE.WATCHED;
      }
  }

  /** Slots changed since the last drain. */
  get pendingCount(): number {
    return this.control[CONTROL.QUEUED] as number;
  }

  /**
   * Hands every changed slot to `visit` once and clears the queue. Allocation-free; `visit`
   * must not apply packets to this cache.
   */
  drainDirty(visit: (slot: number) => void): number {
    this.applyStagedNow();
    const control = this.control;
    const count = control[CONTROL.QUEUED] as number;
    const list = this.dirtyList;
    // Four slots an iteration: V8 does not unroll loops, and with every slot queued (the codec
    // benchmark) the loop's own overhead was about 1 ns a slot, 0.6 unrolled.
    let i = 0;
    for (; i + 4 <= count; i += 4) {
      visit(list[i] as number);
      visit(list[i + 1] as number);
      visit(list[i + 2] as number);
      visit(list[i + 3] as number);
    }
    for (; i < count; i++) visit(list[i] as number);
    control[CONTROL.QUEUED] = 0;
    this.appliedBeforeDrain += control[CONTROL.APPLIED] as number;
    control[CONTROL.APPLIED] = 0;
    this.nextEpoch();
    return count;
  }

  /** Moves to the next batch's epoch; when they run out, resets every slot's epoch to 0 first. */
  private nextEpoch(): void {
    const epoch = ((this.control[CONTROL.EPOCH_BITS] as number) >>> STATE.EPOCH_SHIFT) + 1;
    if (epoch <= STATE.EPOCH_LAST) {
      this.control[CONTROL.EPOCH_BITS] = epoch << STATE.EPOCH_SHIFT;
      return;
    }
    const meta = this.metaI32;
    for (let at = META.STATE; at < meta.length; at += META_RECORD.WORDS)
      meta[at] = (meta[at] as number) & ~STATE.EPOCH_MASK;
    this.control[CONTROL.EPOCH_BITS] = 1 << STATE.EPOCH_SHIFT;
  }

  // ── Reading (report edge: values as numbers, null when unknown) ──────────────────────────

  private stateOf(slot: number): number {
    return this.metaI32[(slot << META_RECORD.SHIFT) + META.STATE] as number;
  }

  private has(slot: number, groups: number): boolean {
    return (this.stateOf(slot) & groups) !== 0;
  }

  private f32At(slot: number, word: number, groups: number): number | null {
    return this.has(slot, groups) ? (this.f32[slot * RECORD.WORDS + word] as number) : null;
  }

  private u32At(slot: number, word: number, groups: number): number | null {
    return this.has(slot, groups) ? (this.u32[slot * RECORD.WORDS + word] as number) : null;
  }

  ltp(slot: number): number | null {
    const state = this.stateOf(slot);
    if ((state & KNOWN.LTP) === 0) return null;
    return (state & STATE.PRICE_COLD) !== 0
      ? (this.f32[slot * RECORD.WORDS + WORD.LTP] as number)
      : (this.hotF32[(slot << RECORD.HOT_SHIFT) + HOT.LTP] as number);
  }
  ltq(slot: number): number | null {
    return this.u32At(slot, WORD.LTQ, KNOWN.QUOTE);
  }
  lttEpochS(slot: number): number | null {
    const state = this.stateOf(slot);
    if ((state & KNOWN.LTP) === 0) return null;
    return (state & STATE.PRICE_COLD) !== 0
      ? (this.u32[slot * RECORD.WORDS + WORD.LTT] as number)
      : (this.hotU32[(slot << RECORD.HOT_SHIFT) + HOT.LTT] as number);
  }
  atp(slot: number): number | null {
    return this.f32At(slot, WORD.ATP, KNOWN.QUOTE | KNOWN.ATP);
  }
  volume(slot: number): number | null {
    return this.u32At(slot, WORD.VOLUME, KNOWN.QUOTE | KNOWN.VOLUME);
  }
  totalBuyQty(slot: number): number | null {
    return this.u32At(slot, WORD.TOTAL_BUY_QTY, KNOWN.QUOTE);
  }
  totalSellQty(slot: number): number | null {
    return this.u32At(slot, WORD.TOTAL_SELL_QTY, KNOWN.QUOTE);
  }
  oi(slot: number): number | null {
    return this.u32At(slot, WORD.OI, KNOWN.OI);
  }
  oiDayHigh(slot: number): number | null {
    return this.u32At(slot, WORD.OI_DAY_HIGH, KNOWN.OI_RANGE);
  }
  oiDayLow(slot: number): number | null {
    return this.u32At(slot, WORD.OI_DAY_LOW, KNOWN.OI_RANGE);
  }
  open(slot: number): number | null {
    return this.f32At(slot, WORD.OPEN, KNOWN.QUOTE);
  }
  high(slot: number): number | null {
    return this.f32At(slot, WORD.HIGH, KNOWN.QUOTE);
  }
  low(slot: number): number | null {
    return this.f32At(slot, WORD.LOW, KNOWN.QUOTE);
  }
  /** Day close: DhanHQ sends it only after the market closes (0 before). */
  close(slot: number): number | null {
    const value = this.f32At(slot, WORD.CLOSE, KNOWN.QUOTE);
    return value === 0 ? null : value;
  }
  prevClose(slot: number): number | null {
    return this.f32At(slot, WORD.PREV_CLOSE, KNOWN.PREV);
  }
  prevOi(slot: number): number | null {
    return this.u32At(slot, WORD.PREV_OI, KNOWN.PREV);
  }
  bidPrice(slot: number): number | null {
    return this.f32At(slot, WORD.DEPTH + DEPTH_WORD.BID_PRICE, KNOWN.DEPTH | KNOWN.BEST);
  }
  askPrice(slot: number): number | null {
    return this.f32At(slot, WORD.DEPTH + DEPTH_WORD.ASK_PRICE, KNOWN.DEPTH | KNOWN.BEST);
  }
  bidQty(slot: number): number | null {
    return this.u32At(slot, WORD.DEPTH + DEPTH_WORD.BID_QTY, KNOWN.DEPTH | KNOWN.BEST);
  }
  askQty(slot: number): number | null {
    return this.u32At(slot, WORD.DEPTH + DEPTH_WORD.ASK_QTY, KNOWN.DEPTH | KNOWN.BEST);
  }
  source(slot: number): number {
    return (this.stateOf(slot) & STATE.SOURCE_MASK) >>> STATE.SOURCE_SHIFT;
  }
  /** When the engine last stored a value for this slot (epoch ms), or null if never. */
  updatedAtMs(slot: number): number | null {
    if (this.source(slot) === QUOTE_SOURCE.NONE) return null;
    return this.baseTimeMs + (this.metaU32[(slot << META_RECORD.SHIFT) + META.UPDATED_MS] as number);
  }

  /** Depth level `level` (0 = best) from the last full packet, or null. */
  depthLevel(slot: number, level: number): DepthLevelValues | null {
    if (!this.has(slot, KNOWN.DEPTH) || level < 0 || level >= DEPTH.LEVELS) return null;
    const at = slot * RECORD.WORDS + WORD.DEPTH + level * RECORD.DEPTH_LEVEL_WORDS;
    const orders = this.u32[at + DEPTH_WORD.ORDERS] as number;
    return {
      bidQty: this.u32[at + DEPTH_WORD.BID_QTY] as number,
      askQty: this.u32[at + DEPTH_WORD.ASK_QTY] as number,
      bidOrders: orders & 0xffff,
      askOrders: orders >>> 16,
      bidPrice: this.f32[at + DEPTH_WORD.BID_PRICE] as number,
      askPrice: this.f32[at + DEPTH_WORD.ASK_PRICE] as number,
    };
  }
}

function isFiniteNumber(value: number | null): value is number {
  return value !== null && Number.isFinite(value);
}

/** The longest frame `stageFrame` takes: a full packet with room for fields DhanHQ may append. */
const MAX_STAGED_FRAME_BYTES = 512;
const TICKER_BYTES = PACKET_BYTES[FEED_CODE.TICKER] as number;
const QUOTE_BYTES = PACKET_BYTES[FEED_CODE.QUOTE] as number;
const OI_BYTES = PACKET_BYTES[FEED_CODE.OI] as number;
const PREV_CLOSE_BYTES = PACKET_BYTES[FEED_CODE.PREV_CLOSE] as number;
const FULL_BYTES = PACKET_BYTES[FEED_CODE.FULL] as number;

/**
 * The length a packet of `code` needs for the cache to store it, or an unreachable length for a
 * code it does not store (index, market status, disconnect, unknown): such frames are not staged.
 */
function storedPacketBytes(code: number): number {
  switch (code) {
    case FEED_CODE.TICKER:
      return TICKER_BYTES;
    case FEED_CODE.QUOTE:
      return QUOTE_BYTES;
    case FEED_CODE.OI:
      return OI_BYTES;
    case FEED_CODE.PREV_CLOSE:
      return PREV_CLOSE_BYTES;
    case FEED_CODE.FULL:
      return FULL_BYTES;
    default:
      return MAX_STAGED_FRAME_BYTES + 1;
  }
}
