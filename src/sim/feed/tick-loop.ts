/**
 * The market's heartbeat: every `stepMs` it moves the indices along their walks and, while the
 * market is open, trades a budget of `ticksPerSecond × elapsed` subscribed instruments and hands
 * them to the feed in one batch. Time comes from the injected clock, so a frozen clock freezes
 * the market and a manual scheduler decides exactly when steps happen.
 */
import type { Clock, Scheduler, TimerHandle } from '../../shared/util/clock';
import type { MarketHours } from '../market/market-hours';
import type { MarketState } from '../market/market-state';
import type { TickSelector } from '../market/tick-selector';
import { SeededRandom } from '../util/prng';
import type { FeedHub } from './feed-hub';

export interface TickLoopOptions {
  readonly seed: number;
  /** Instrument ticks per second across all subscribed instruments. */
  readonly ticksPerSecond: number;
  /** Milliseconds between steps. */
  readonly stepMs: number;
}

/** Most steps' worth of ticks a late step may carry over. */
export const MAX_CARRY_STEPS = 4;

export class TickLoop {
  private readonly rng: SeededRandom;
  private readonly timer: TimerHandle;
  private lastStepMs: number;
  private budget = 0;
  steps = 0;
  ticks = 0;

  constructor(
    private readonly options: TickLoopOptions,
    private readonly market: MarketState,
    private readonly selector: TickSelector,
    private readonly hub: FeedHub,
    private readonly hours: MarketHours,
    private readonly clock: Clock,
    private readonly scheduler: Scheduler,
  ) {
    this.rng = new SeededRandom(options.seed ^ 0x7ac4);
    this.lastStepMs = clock.nowMs();
    this.timer = scheduler.setInterval(() => this.step(), options.stepMs);
  }

  /** One step at the clock's current time (also callable directly by tests and benchmarks). */
  step(): void {
    const now = this.clock.nowMs();
    const elapsed = Math.max(0, now - this.lastStepMs);
    this.lastStepMs = now;
    this.steps++;
    this.market.advanceUnderlyings(now);
    if (!this.hours.isOpen(now) || this.hub.replaying) {
      this.budget = 0;
      return;
    }
    // Cap the carry-over at a few steps' worth: a late step must not release a burst of stale
    // ticks, and a bigger burst would make this step slower still, and the next one later.
    const carryCap = (this.options.ticksPerSecond * this.options.stepMs * MAX_CARRY_STEPS) / 1000;
    this.budget = Math.min(this.budget + (this.options.ticksPerSecond * elapsed) / 1000, Math.max(1, carryCap));
    const n = Math.floor(this.budget);
    this.budget -= n;
    if (n === 0 || this.selector.size === 0) return;
    const picks = this.selector.pick(n, this.rng);
    for (let p = 0; p < picks.length; p++) this.market.trade(picks[p]!, now);
    this.ticks += picks.length;
    this.hub.broadcast(picks, now);
  }

  stop(): void {
    this.scheduler.clearInterval(this.timer);
  }
}
