/**
 * A newest-first list with a fixed size: disconnect history and the REST call log must never
 * grow with the length of a session.
 */
export class BoundedLog<T> {
  private readonly items: T[] = [];

  /** @param limit entries kept; the oldest are dropped first. */
  constructor(readonly limit: number) {}

  push(item: T): void {
    this.items.unshift(item);
    if (this.items.length > this.limit) this.items.length = this.limit;
  }

  /** Newest first, copied. */
  list(): T[] {
    return [...this.items];
  }

  get newest(): T | undefined {
    return this.items[0];
  }

  get size(): number {
    return this.items.length;
  }
}
