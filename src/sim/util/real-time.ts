/**
 * The wall clock and Node timers behind the shared Clock/Scheduler interfaces. The simulator may
 * not import src/main (where the app's copies live), so it keeps its own. Timers are unref'd:
 * a forgotten simulator never holds a test process open.
 */
import type { Clock, Scheduler, TimerHandle } from '../../shared/util/clock';

/** Epoch milliseconds from Date.now(). */
export function createRealClock(): Clock {
  return { nowMs: () => Date.now() };
}

/** Node's timers, unref'd. */
export function createRealScheduler(): Scheduler {
  return {
    setTimeout(callback, delayMs) {
      const handle = setTimeout(callback, delayMs);
      handle.unref();
      return handle as unknown as TimerHandle;
    },
    clearTimeout(handle) {
      if (handle !== null && handle !== undefined) clearTimeout(handle as NodeJS.Timeout);
    },
    setInterval(callback, periodMs) {
      const handle = setInterval(callback, periodMs);
      handle.unref();
      return handle as unknown as TimerHandle;
    },
    clearInterval(handle) {
      if (handle !== null && handle !== undefined) clearInterval(handle as NodeJS.Timeout);
    },
  };
}
