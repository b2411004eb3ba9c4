/**
 * Turns a growing total (packets, ticks) into a per-second rate, measured between successive
 * samples: the diagnostics panel shows the last interval, not an average since start.
 */
export class RateMeter {
  private lastTotal = 0;
  private lastAtMs: number | null = null;
  private current = 0;

  /** Records the total at `nowMs` and returns the rate since the previous sample (per second). */
  sample(total: number, nowMs: number): number {
    if (this.lastAtMs !== null && nowMs > this.lastAtMs) {
      this.current = ((total - this.lastTotal) * 1000) / (nowMs - this.lastAtMs);
    }
    this.lastTotal = total;
    this.lastAtMs = nowMs;
    return this.current;
  }

  get perSecond(): number {
    return this.current;
  }
}
