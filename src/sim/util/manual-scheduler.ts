/**
 * A Scheduler that fires only when told to, moving a ManualClock to each timer's due time.
 * With it, a test (or a deterministic replay) decides exactly when the simulator's tick loop,
 * pings and replay timers run, so the same seed and the same calls give the same bytes.
 */
import type { ManualClock, Scheduler, TimerHandle } from '../../shared/util/clock';

interface ManualTimer {
  readonly id: number;
  dueMs: number;
  readonly periodMs: number | null;
  readonly callback: () => void;
}

export class ManualScheduler implements Scheduler {
  private readonly timers = new Map<number, ManualTimer>();
  private nextId = 1;

  constructor(private readonly clock: ManualClock) {}

  setTimeout(callback: () => void, delayMs: number): TimerHandle {
    return this.add(callback, Math.max(0, delayMs), null);
  }

  setInterval(callback: () => void, periodMs: number): TimerHandle {
    return this.add(callback, Math.max(1, periodMs), Math.max(1, periodMs));
  }

  clearTimeout(handle: TimerHandle | null | undefined): void {
    if (typeof handle === 'number') this.timers.delete(handle);
  }

  clearInterval(handle: TimerHandle | null | undefined): void {
    this.clearTimeout(handle);
  }

  /** Timers waiting to fire. */
  pendingCount(): number {
    return this.timers.size;
  }

  /**
   * Moves the clock forward by `deltaMs`, firing every timer that falls due on the way in due
   * order (ties in creation order), with the clock set to each timer's due time as it fires.
   */
  advance(deltaMs: number): void {
    const endMs = this.clock.nowMs() + deltaMs;
    for (;;) {
      const next = this.earliestDue(endMs);
      if (next === null) break;
      this.clock.set(next.dueMs);
      this.fire(next);
    }
    this.clock.set(endMs);
  }

  /** Fires the timers already due at the current time, without moving the clock. */
  runDue(): void {
    this.advance(0);
  }

  private add(callback: () => void, delayMs: number, periodMs: number | null): TimerHandle {
    const id = this.nextId++;
    this.timers.set(id, { id, dueMs: this.clock.nowMs() + delayMs, periodMs, callback });
    return id as unknown as TimerHandle;
  }

  private earliestDue(limitMs: number): ManualTimer | null {
    let best: ManualTimer | null = null;
    for (const timer of this.timers.values()) {
      if (timer.dueMs > limitMs) continue;
      if (best === null || timer.dueMs < best.dueMs || (timer.dueMs === best.dueMs && timer.id < best.id)) best = timer;
    }
    return best;
  }

  private fire(timer: ManualTimer): void {
    if (timer.periodMs === null) this.timers.delete(timer.id);
    else timer.dueMs += timer.periodMs;
    timer.callback();
  }
}
