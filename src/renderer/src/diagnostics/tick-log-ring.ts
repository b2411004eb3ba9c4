/**
 * The live tick log as a bounded ring: the newest `capacity` entries, each with a sequence
 * number the list uses as its row id. Filled from onTickLog batches; never React state.
 */
import type { TickLogEntry } from '../../../shared/api/view-types';

export interface NumberedTick {
  readonly n: number;
  readonly entry: TickLogEntry;
}

export class TickLogRing {
  private readonly slots: (NumberedTick | undefined)[];
  private next = 0;
  private readonly listeners = new Set<() => void>();

  /** @param capacity entries kept; default 5 000. */
  constructor(readonly capacity = 5_000) {
    this.slots = new Array<NumberedTick | undefined>(capacity);
  }

  /** Entries seen since start, including those already overwritten. */
  get totalSeen(): number {
    return this.next;
  }

  get size(): number {
    return Math.min(this.next, this.capacity);
  }

  push(entries: readonly TickLogEntry[]): void {
    for (const entry of entries) {
      this.slots[this.next % this.capacity] = { n: this.next, entry };
      this.next += 1;
    }
    if (entries.length > 0) for (const listener of [...this.listeners]) listener();
  }

  /** Newest first; only entries that pass `keep` when given. */
  newestFirst(keep?: (entry: TickLogEntry) => boolean): NumberedTick[] {
    const out: NumberedTick[] = [];
    for (let n = this.next - 1; n >= this.next - this.size; n -= 1) {
      const slot = this.slots[n % this.capacity];
      if (slot && (!keep || keep(slot.entry))) out.push(slot);
    }
    return out;
  }

  /** Called after every push that added entries. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }
}

/**
 * The tick log filter: digits match a security id exactly; anything else matches the label,
 * case-insensitively. An empty filter keeps everything.
 */
export function tickFilter(text: string): ((entry: TickLogEntry) => boolean) | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  if (/^\d+$/.test(trimmed)) {
    const id = Number(trimmed);
    return (entry) => entry.securityId === id;
  }
  const needle = trimmed.toLowerCase();
  return (entry) => entry.label.toLowerCase().includes(needle);
}
