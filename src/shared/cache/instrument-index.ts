/**
 * (segment, security id) → slot. Security ids are handed out in sequence as contracts are
 * listed, so within one segment they crowd into a range a few times wider than their count.
 * Each segment therefore gets a direct-mapped table over the range of its ids: a lookup is one
 * bounds check and one load from an array small enough to stay in the CPU's cache, with no
 * hashing and no probing. A segment whose ids spread too thinly for that (more than
 * `maxSpanPerSegment` apart) falls back to an open-addressing hash table in one Int32Array,
 * each entry two adjacent words [security id, (slot + 1) << 4 | segment].
 *
 * Ticks arrive for instruments in random order, so on the per-packet path memory locality
 * matters more than instruction count; nothing here allocates per lookup.
 */
const SEGMENT_BITS = 4;
const SEGMENT_MASK = (1 << SEGMENT_BITS) - 1;
/** Segment codes are 4-bit (DhanHQ defines 0–8). */
const SEGMENTS = 1 << SEGMENT_BITS;
const MIN_DIRECT_LENGTH = 1_024;
/**
 * Direct tables cover ids below this only, so every (id − lowest id) fits a 32-bit integer and
 * an id from the wire far outside the range can never wrap into it; bigger ids use the hash.
 */
const DIRECT_ID_LIMIT = 0x7fff_0000;

export interface InstrumentIndexOptions {
  /**
   * Widest id range (in ids) a segment may cover with a direct table before it moves to the
   * hash table. Default: 8 × capacity, at least 65 536 (4 bytes per id in the range).
   */
  readonly maxSpanPerSegment?: number;
  /**
   * Where the direct tables live, when somebody else reads them too (QuoteCache's WebAssembly
   * hot path). Default: an array of their own for each.
   */
  readonly storage?: DirectTableStorage;
}

/**
 * Memory for the direct tables: one region of `maxSpanPerSegment` entries per segment code, and
 * the segment table that describes them — per segment SEGMENT_ENTRY_WORDS words: the lowest id,
 * the table's length (0 while the segment has no direct table), the table's byte address in
 * `words`'s buffer, and one unused. Pages of a region no table has reached are never touched.
 */
export interface DirectTableStorage {
  /** SEGMENTS × maxSpanPerSegment entries. */
  readonly words: Int32Array;
  /** SEGMENTS × SEGMENT_ENTRY_WORDS words. */
  readonly segments: Int32Array;
}

/** Segment codes an index holds (4 bits). */
export const INDEX_SEGMENTS = SEGMENTS;
/** Words per segment in shared storage's segment table (a power of two, so the hot path indexes it by shifting). */
export const SEGMENT_ENTRY_WORDS = 4;

export class InstrumentIndex {
  private readonly mask: number;
  private readonly table: Int32Array;
  private readonly maxSpan: number;
  /** Per segment: slot by (id − lowId), −1 when absent; null until the first id, or once the segment is sparse. */
  private readonly direct: (Int32Array | null)[] = Array.from({ length: SEGMENTS }, () => null);
  private readonly lowId = new Int32Array(SEGMENTS);
  /** 1 for a segment whose ids live in the hash table. */
  private readonly sparse = new Uint8Array(SEGMENTS);

  private readonly storage: DirectTableStorage | null;

  /** @param capacity most entries (below 2^27); the hash table is sized to a power of two at least twice that. */
  constructor(capacity: number, options: InstrumentIndexOptions = {}) {
    let size = 16;
    while (size < capacity * 2) size *= 2;
    this.mask = size - 1;
    this.table = new Int32Array(size * 2);
    this.maxSpan = options.maxSpanPerSegment ?? InstrumentIndex.defaultMaxSpan(capacity);
    this.storage = options.storage ?? null;
    if (this.storage !== null && this.storage.words.length < SEGMENTS * this.maxSpan)
      throw new RangeError(`direct-table storage holds ${this.storage.words.length} entries, fewer than ${SEGMENTS} × ${this.maxSpan}`);
  }

  /** The widest direct table a segment may have by default for `capacity` entries. */
  static defaultMaxSpan(capacity: number): number {
    return Math.max(65_536, 8 * capacity);
  }

  /** The slot of an instrument, or -1. */
  get(segment: number, securityId: number): number {
    const direct = this.direct[segment];
    if (direct !== undefined && direct !== null) {
      const k = (securityId - (this.lowId[segment] as number)) | 0;
      return k >= 0 && k < direct.length ? (direct[k] as number) : -1;
    }
    return this.sparse[segment] === 1 ? this.hashGet(segment, securityId) : -1;
  }

  set(segment: number, securityId: number, slot: number): void {
    if (segment < 0 || segment >= SEGMENTS) throw new RangeError(`segment code ${segment} is outside 0…${SEGMENTS - 1}`);
    if (this.sparse[segment] === 1) {
      this.hashSet(segment, securityId, slot);
      return;
    }
    const direct = this.fitDirect(segment, securityId);
    if (direct === null) {
      this.hashSet(segment, securityId, slot);
      return;
    }
    direct[securityId - (this.lowId[segment] as number)] = slot;
  }

  /** The segment's direct table, grown to cover `securityId`; null once the segment has become sparse. */
  private fitDirect(segment: number, securityId: number): Int32Array | null {
    const current = this.direct[segment] ?? null;
    if (securityId < 0 || securityId >= DIRECT_ID_LIMIT || !Number.isInteger(securityId)) {
      if (current !== null) this.makeSparse(segment, current, this.lowId[segment] as number);
      else this.sparse[segment] = 1;
      return null;
    }
    if (current === null) {
      const fresh = this.allocate(segment, Math.min(MIN_DIRECT_LENGTH, this.maxSpan)).fill(-1);
      this.publish(segment, fresh, securityId);
      return fresh;
    }
    const low = this.lowId[segment] as number;
    const high = low + current.length;
    if (securityId >= low && securityId < high) return current;
    const span = Math.max(high, securityId + 1) - Math.min(low, securityId);
    if (span > this.maxSpan || low + Math.max(span, 2 * current.length) > DIRECT_ID_LIMIT) {
      this.makeSparse(segment, current, low);
      return null;
    }
    // Grow with slack on the side that grew, so registering ids in either order stays linear.
    const length = Math.min(this.maxSpan, Math.max(span, 2 * current.length));
    const newLow = securityId < low ? Math.max(0, high - length) : low;
    const kept = current.slice(); // the new table may overlap the old one in shared storage
    const grown = this.allocate(segment, length).fill(-1);
    grown.set(kept, low - newLow);
    this.publish(segment, grown, newLow);
    return grown;
  }

  /** A table of `length` entries for `segment`: at the start of its region in shared storage, else its own. */
  private allocate(segment: number, length: number): Int32Array {
    if (this.storage === null) return new Int32Array(length);
    const start = segment * this.maxSpan;
    return this.storage.words.subarray(start, start + length);
  }

  /** Makes `table` the segment's direct table (null: none), and describes it in shared storage. */
  private publish(segment: number, table: Int32Array | null, lowId: number): void {
    this.direct[segment] = table;
    this.lowId[segment] = lowId;
    if (this.storage === null) return;
    const entry = segment * SEGMENT_ENTRY_WORDS;
    this.storage.segments[entry] = lowId;
    this.storage.segments[entry + 1] = table === null ? 0 : table.length;
    this.storage.segments[entry + 2] = table === null ? 0 : table.byteOffset;
  }

  private makeSparse(segment: number, current: Int32Array, low: number): void {
    this.publish(segment, null, 0);
    this.sparse[segment] = 1;
    for (let k = 0; k < current.length; k++) {
      const slot = current[k] as number;
      if (slot >= 0) this.hashSet(segment, low + k, slot);
    }
  }

  private home(segment: number, securityId: number): number {
    return (Math.imul(securityId ^ (segment << 27), 0x9e3779b1) >>> 0) & this.mask;
  }

  private hashGet(segment: number, securityId: number): number {
    const table = this.table;
    const id = securityId | 0;
    let i = this.home(segment, securityId);
    for (;;) {
      const value = table[2 * i + 1] as number;
      if (value === 0) return -1;
      if (table[2 * i] === id && (value & SEGMENT_MASK) === segment) return (value >>> SEGMENT_BITS) - 1;
      i = (i + 1) & this.mask;
    }
  }

  private hashSet(segment: number, securityId: number, slot: number): void {
    const table = this.table;
    const id = securityId | 0;
    let i = this.home(segment, securityId);
    for (;;) {
      const value = table[2 * i + 1] as number;
      if (value === 0 || (table[2 * i] === id && (value & SEGMENT_MASK) === segment)) {
        table[2 * i] = id;
        table[2 * i + 1] = ((slot + 1) << SEGMENT_BITS) | segment;
        return;
      }
      i = (i + 1) & this.mask;
    }
  }
}
