import { describe, expect, it } from 'vitest';
import { backoffDelayMs } from '../../../src/main/dhan/backoff';
import { DEFAULT_FEED_TIMING } from '../../../src/main/dhan/feed-timing';

const { reconnect, coolOff } = DEFAULT_FEED_TIMING;

describe('capped exponential back-off with jitter', () => {
  it('doubles from 1 s and caps at 30 s without jitter (random 0.5)', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 10].map((n) => backoffDelayMs(n, reconnect, () => 0.5))).toEqual([
      1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000,
    ]);
  });

  it('spreads each delay by ±20 % with the injected random source', () => {
    expect(backoffDelayMs(2, reconnect, () => 0)).toBe(3200);
    expect(backoffDelayMs(2, reconnect, () => 0.75)).toBe(4400);
    expect(backoffDelayMs(2, reconnect, () => 0.999_999)).toBe(4800);
  });

  it('never exceeds the cap, even with jitter', () => {
    expect(backoffDelayMs(20, reconnect, () => 0.999_999)).toBe(30000);
    expect(backoffDelayMs(20, reconnect, () => 0)).toBe(24000);
  });

  it('cools off from 60 s to at most 5 minutes after 805 or HTTP 429', () => {
    expect([0, 1, 2, 3, 4].map((n) => backoffDelayMs(n, coolOff, () => 0.5))).toEqual([
      60000, 120000, 240000, 300000, 300000,
    ]);
  });

  it('treats a negative attempt as the first', () => {
    expect(backoffDelayMs(-3, reconnect, () => 0.5)).toBe(1000);
  });
});
