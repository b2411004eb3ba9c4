/**
 * (segment, security id) → slot, as an open-addressing hash table in one Int32Array: each
 * entry is two adjacent words [security id, (slot + 1) << 4 | segment], so a lookup usually
 * touches a single cache line. Ticks arrive for instruments in random order, so on the
 * per-packet path memory locality matters more than instruction count; there is no allocation
 * and no Map overhead.
 */
const SEGMENT_BITS = 4;
const SEGMENT_MASK = (1 << SEGMENT_BITS) - 1;

export class InstrumentIndex {
  private readonly mask: number;
  private readonly table: Int32Array;

  /** @param capacity most entries (below 2^27); the table is sized to a power of two at least twice that. */
  constructor(capacity: number) {
    let size = 16;
    while (size < capacity * 2) size *= 2;
    this.mask = size - 1;
    this.table = new Int32Array(size * 2);
  }

  private home(segment: number, securityId: number): number {
    return (Math.imul(securityId ^ (segment << 27), 0x9e3779b1) >>> 0) & this.mask;
  }

  /** The slot of an instrument, or -1. */
  get(segment: number, securityId: number): number {
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

  set(segment: number, securityId: number, slot: number): void {
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
