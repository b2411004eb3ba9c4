/**
 * A value that changes often and is read outside React: the header strip writes it straight
 * into the DOM through `subscribe`, so a tick never re-renders a component.
 */
export class LiveValue<T> {
  private readonly listeners = new Set<(value: T) => void>();

  constructor(private value: T) {}

  get(): T {
    return this.value;
  }

  /** Stores `value` and tells every subscriber, unless it is the same reference. */
  set(value: T): void {
    if (Object.is(value, this.value)) return;
    this.value = value;
    for (const listener of [...this.listeners]) listener(value);
  }

  subscribe(listener: (value: T) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }
}
