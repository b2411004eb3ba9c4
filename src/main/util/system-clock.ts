import type { Clock, Scheduler, TimerHandle } from '../../shared/util/clock';

export const systemClock: Clock = { nowMs: () => Date.now() };

/** Node's timers behind the Scheduler interface; timers are unref'd so they never hold the process open. */
export const systemScheduler: Scheduler = {
  setTimeout(callback, delayMs) {
    const handle = setTimeout(callback, delayMs);
    handle.unref?.();
    return handle as unknown as TimerHandle;
  },
  clearTimeout(handle) {
    if (handle !== null && handle !== undefined) clearTimeout(handle as NodeJS.Timeout);
  },
  setInterval(callback, periodMs) {
    const handle = setInterval(callback, periodMs);
    handle.unref?.();
    return handle as unknown as TimerHandle;
  },
  clearInterval(handle) {
    if (handle !== null && handle !== undefined) clearInterval(handle as NodeJS.Timeout);
  },
};
