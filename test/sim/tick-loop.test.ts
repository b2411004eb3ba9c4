import { describe, expect, it } from 'vitest';
import { TickLoop } from '../../src/sim/feed/tick-loop';
import type { FeedHub } from '../../src/sim/feed/feed-hub';
import { MarketHours } from '../../src/sim/market/market-hours';
import type { MarketState } from '../../src/sim/market/market-state';
import { TickSelector } from '../../src/sim/market/tick-selector';
import { ManualScheduler } from '../../src/sim/util/manual-scheduler';
import { SeededRandom } from '../../src/sim/util/prng';
import { ManualClock } from '../../src/shared/util/clock';

function selectorOf(members: number, weight = 1): TickSelector {
  const selector = new TickSelector(members, new Float32Array(members).fill(weight));
  for (let i = 0; i < members; i++) selector.add(i);
  return selector;
}

describe('TickSelector', () => {
  it('picks distinct members, at most a quarter of a large set in one step', () => {
    const picks = selectorOf(1_000).pick(1_000, new SeededRandom(7));
    expect(picks.length).toBe(250);
    expect(new Set(picks).size).toBe(250);
  });

  it('may pick every member of a small set', () => {
    const picks = selectorOf(10).pick(10, new SeededRandom(7));
    expect([...picks].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('stops after a bounded number of draws when weights are near zero', () => {
    // Acceptance is floored at 2 %; the draws stop at 8 per member + 64 = 8 064, which accept about 161.
    const picks = selectorOf(1_000, 0).pick(1_000, new SeededRandom(7));
    expect(picks.length).toBe(162);
  });
});

describe('TickLoop', () => {
  it('trades ticksPerSecond × elapsed per step, and a step after a long stall carries at most four steps of ticks', () => {
    const clock = new ManualClock(Date.UTC(2026, 10, 24, 5, 0, 0));
    const scheduler = new ManualScheduler(clock);
    const traded: number[] = [];
    const market = { advanceUnderlyings: () => undefined, trade: () => undefined } as unknown as MarketState;
    const hub = { replaying: false, broadcast: (picks: Int32Array) => traded.push(picks.length) } as unknown as FeedHub;
    const loop = new TickLoop(
      { seed: 1, ticksPerSecond: 1_000, stepMs: 50 },
      market,
      selectorOf(5_000),
      hub,
      new MarketHours('always-open'),
      clock,
      scheduler,
    );
    clock.advance(50);
    loop.step();
    clock.advance(10_000);
    loop.step();
    clock.advance(50);
    loop.step();
    loop.stop();
    expect(traded).toEqual([50, 200, 50]);
  });
});
