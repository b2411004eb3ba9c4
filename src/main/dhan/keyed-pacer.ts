/**
 * DhanHQ allows one unique option-chain (or expiry-list) request per 3 seconds. The pacer
 * queues instead of failing: each key gets send slots at least `intervalMs` apart, handed out
 * in call order; different keys do not wait for each other.
 */
import type { Clock, Scheduler } from '../../shared/util/clock';

export class KeyedPacer {
  private readonly nextFreeAtMs = new Map<string, number>();

  /**
   * @param intervalMs minimum spacing of two sends with the same key (the REST client uses 3100 ms:
   *   DhanHQ's 3 s plus a margin for clock and network jitter).
   */
  constructor(
    private readonly intervalMs: number,
    private readonly clock: Clock,
    private readonly scheduler: Scheduler,
  ) {}

  /** Resolves when a request with `key` may be sent; the slot is reserved at call time. */
  acquire(key: string): Promise<void> {
    const now = this.clock.nowMs();
    this.forgetPast(now);
    const slot = Math.max(now, this.nextFreeAtMs.get(key) ?? now);
    this.nextFreeAtMs.set(key, slot + this.intervalMs);
    if (slot <= now) return Promise.resolve();
    return new Promise((resolve) => this.scheduler.setTimeout(resolve, slot - now));
  }

  /** Keys whose spacing has passed need no memory; keeps the map as small as the active keys. */
  private forgetPast(now: number): void {
    for (const [key, at] of this.nextFreeAtMs) if (at <= now) this.nextFreeAtMs.delete(key);
  }
}
