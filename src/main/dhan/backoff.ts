/**
 * Capped exponential back-off with proportional jitter. Jitter spreads the reconnects of the
 * five feed connections (and of every client after a DhanHQ outage) so they do not arrive in
 * lock-step; the random source is injected so tests assert exact delays.
 */

export interface BackoffPolicy {
  /** Delay before the first retry (attempt 0), ms. */
  readonly initialMs: number;
  /** Growth per attempt. */
  readonly multiplier: number;
  /** Hard cap, applied after jitter, ms. */
  readonly maxMs: number;
  /** Relative spread: 0.2 means ±20 % around the exponential value. */
  readonly jitterRatio: number;
}

/** A source of uniform numbers in [0, 1), like Math.random. */
export type RandomSource = () => number;

/**
 * Delay before retry number `attempt` (0-based):
 * `min(maxMs, initialMs · multiplier^attempt · (1 + jitterRatio · (2·random() − 1)))`, rounded
 * to whole milliseconds and never negative.
 */
export function backoffDelayMs(attempt: number, policy: BackoffPolicy, random: RandomSource): number {
  const exponential = Math.min(policy.maxMs, policy.initialMs * policy.multiplier ** Math.max(0, attempt));
  const jittered = exponential * (1 + policy.jitterRatio * (2 * random() - 1));
  return Math.max(0, Math.round(Math.min(policy.maxMs, jittered)));
}
