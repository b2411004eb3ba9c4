/**
 * Time is injected everywhere it matters (reconnect back-off, watchdogs, market hours, time to
 * expiry, pacing), so tests drive it deterministically and never depend on the machine's clock
 * or time zone.
 */
export interface Clock {
  /** Epoch milliseconds. */
  nowMs(): number;
}

export type TimerHandle = { readonly __timer: unique symbol } | number | object;

export interface Scheduler {
  setTimeout(callback: () => void, delayMs: number): TimerHandle;
  clearTimeout(handle: TimerHandle | null | undefined): void;
  setInterval(callback: () => void, periodMs: number): TimerHandle;
  clearInterval(handle: TimerHandle | null | undefined): void;
}

/** A clock that only moves when told to; for tests and deterministic replays. */
export class ManualClock implements Clock {
  private current: number;

  constructor(startMs: number) {
    this.current = startMs;
  }

  nowMs(): number {
    return this.current;
  }

  set(epochMs: number): void {
    this.current = epochMs;
  }

  advance(deltaMs: number): void {
    this.current += deltaMs;
  }
}
