/**
 * Which access token the simulated DhanHQ accepts, and when it expires. A token replaced by
 * `setValidToken` (DhanHQ's RenewToken expires the old one) and a token past its expiry are
 * "expired"; any other string is "invalid". The two answer differently on REST and the feed.
 */
import type { Clock } from '../../shared/util/clock';
import { jwtExpiryMs } from './demo-token';

export type TokenStatus = 'valid' | 'expired' | 'invalid';

export class TokenRegistry {
  private valid: string;
  private expiresAtMs: number | null;
  private readonly retired = new Set<string>();

  constructor(
    token: string,
    private readonly clock: Clock,
  ) {
    this.valid = token;
    this.expiresAtMs = jwtExpiryMs(token);
  }

  get token(): string {
    return this.valid;
  }

  /** When the valid token stops being valid (its JWT `exp`, or a forced expiry), or null. */
  get expiryMs(): number | null {
    return this.expiresAtMs;
  }

  status(candidate: string | null | undefined): TokenStatus {
    if (candidate === null || candidate === undefined || candidate.length === 0) return 'invalid';
    if (candidate === this.valid) return this.isExpired() ? 'expired' : 'valid';
    return this.retired.has(candidate) ? 'expired' : 'invalid';
  }

  isExpired(): boolean {
    return this.expiresAtMs !== null && this.clock.nowMs() >= this.expiresAtMs;
  }

  /** Forces the current token to expire at `epochMs` (earlier or later than its JWT `exp`). */
  expireAt(epochMs: number): void {
    this.expiresAtMs = epochMs;
  }

  /** Installs a new valid token; the previous one answers as expired from now on. */
  replace(token: string): void {
    if (token !== this.valid) this.retired.add(this.valid);
    this.retired.delete(token);
    this.valid = token;
    this.expiresAtMs = jwtExpiryMs(token);
  }

  /** Every secret the logs must never show. */
  secrets(): string[] {
    return [this.valid, ...this.retired];
  }
}
