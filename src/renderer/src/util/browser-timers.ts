/**
 * The real Clock and Scheduler for the page. Everything time-driven in the renderer receives
 * these through AppServices, so component tests can substitute a manual clock and scheduler.
 */
import type { Clock, Scheduler, TimerHandle } from '../../../shared/util/clock';

/** Wall-clock time of the page. */
export const browserClock: Clock = { nowMs: () => Date.now() };

/** Timers of the given window (the page's own by default). */
export function createBrowserScheduler(win: Window = window): Scheduler {
  return {
    setTimeout: (callback, delayMs) => win.setTimeout(callback, delayMs),
    clearTimeout: (handle: TimerHandle | null | undefined) => {
      if (typeof handle === 'number') win.clearTimeout(handle);
    },
    setInterval: (callback, periodMs) => win.setInterval(callback, periodMs),
    clearInterval: (handle: TimerHandle | null | undefined) => {
      if (typeof handle === 'number') win.clearInterval(handle);
    },
  };
}
