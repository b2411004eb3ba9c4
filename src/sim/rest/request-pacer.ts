/**
 * DhanHQ's option-chain pacing: one unique request every 3 seconds. "Unique" is the endpoint plus
 * the request's underlying and expiry, so a client may fetch different chains back to back but
 * not the same one twice within the window. Time comes from the injected clock.
 */
export class RequestPacer {
  private readonly lastAccepted = new Map<string, number>();

  constructor(
    /** Default 3000 ms; 0 disables pacing. */
    private readonly windowMs: number,
  ) {}

  /** True (and remembered) when `key` may be answered at `nowMs`; false for a pacing violation. */
  admit(key: string, nowMs: number): boolean {
    if (this.windowMs <= 0) return true;
    const last = this.lastAccepted.get(key);
    if (last !== undefined && nowMs - last < this.windowMs) return false;
    this.lastAccepted.set(key, nowMs);
    if (this.lastAccepted.size > 10_000) this.forgetOlderThan(nowMs - this.windowMs);
    return true;
  }

  private forgetOlderThan(cutoffMs: number): void {
    for (const [key, at] of this.lastAccepted) if (at < cutoffMs) this.lastAccepted.delete(key);
  }
}
