/**
 * The tick log's storage: a ring of fixed-size entries, each a receive time and the first
 * bytes of one packet as it arrived. Entries are written on the per-packet path — by the
 * QuoteCache's WebAssembly hot path (hot-path.wat) or its JavaScript path (`writeTick`) — and
 * decoded only when a client asks for them (TickLog.since), a few times a second. A ring lives
 * in a QuoteCache's memory while the engine feeds that cache, so that the WebAssembly path can
 * write it; before that, in a buffer of its own (`ownTickRing`).
 */

/** Bytes of one entry: the receive time (float64 epoch ms), then TICK_PREFIX_BYTES of the packet. */
export const TICK_ENTRY_BYTES = 48;
/** Bytes of each packet kept: every field the tick log shows lies within them (a full packet's OI ends at 38). */
export const TICK_PREFIX_BYTES = 40;
/** Words of a ring's cursor: the next entry's index, then the entries ever written as two u32 halves (low, high). */
export const TICK_CURSOR_WORDS = 3;

export interface TickRing {
  readonly capacity: number;
  /** capacity × TICK_ENTRY_BYTES bytes, 8-byte aligned in their buffer. */
  readonly entries: Uint8Array;
  /** A view of the whole buffer `entries` lives in. */
  readonly view: DataView;
  /** TICK_CURSOR_WORDS words. */
  readonly cursor: Uint32Array;
}

/** A ring with memory of its own. */
export function ownTickRing(capacity: number): TickRing {
  const buffer = new ArrayBuffer(capacity * TICK_ENTRY_BYTES + TICK_CURSOR_WORDS * 4);
  return {
    capacity,
    entries: new Uint8Array(buffer, 0, capacity * TICK_ENTRY_BYTES),
    view: new DataView(buffer),
    cursor: new Uint32Array(buffer, capacity * TICK_ENTRY_BYTES, TICK_CURSOR_WORDS),
  };
}

/** Entries written to `ring` since it was made (or since the ring it continues). */
export function ticksWritten(ring: TickRing): number {
  return (ring.cursor[1] as number) + (ring.cursor[2] as number) * 2 ** 32;
}

/**
 * Records the packet at `at` in `view` (its first TICK_PREFIX_BYTES, zeros past the end of the
 * view), received at `atMs`. The JavaScript twin of the ring write in hot-path.wat.
 */
export function writeTick(ring: TickRing, atMs: number, view: DataView, at: number): void {
  const cursor = ring.cursor;
  const index = cursor[0] as number;
  cursor[0] = index + 1 === ring.capacity ? 0 : index + 1;
  cursor[1] = (cursor[1] as number) + 1;
  if (cursor[1] === 0) cursor[2] = (cursor[2] as number) + 1;
  const out = ring.view;
  const entry = ring.entries.byteOffset + index * TICK_ENTRY_BYTES;
  out.setFloat64(entry, atMs, true);
  const available = view.byteLength - at;
  for (let word = 0; word < TICK_PREFIX_BYTES; word += 4) {
    out.setUint32(entry + 8 + word, available >= word + 4 ? view.getUint32(at + word, true) : 0, true);
  }
}
