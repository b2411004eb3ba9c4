/**
 * A clock read at most once per event-loop turn. A socket read can deliver many WebSocket
 * messages in one synchronous burst; they arrived together, so they share one receive time,
 * and the per-message clock read (about 100 ns on a VM's clock source) is paid once.
 */
import type { Clock } from '../../shared/util/clock';

export class TurnClock implements Clock {
  private cachedMs = 0;
  private valid = false;
  private readonly expire = (): void => {
    this.valid = false;
  };

  constructor(private readonly clock: Clock) {}

  nowMs(): number {
    if (!this.valid) {
      this.valid = true;
      this.cachedMs = this.clock.nowMs();
      queueMicrotask(this.expire);
    }
    return this.cachedMs;
  }
}
