import { describe, expect, it } from 'vitest';
import { BoundedLog } from '../../../src/main/engine/bounded-log';
import { RateMeter } from '../../../src/main/engine/rate-meter';

describe('BoundedLog', () => {
  it('keeps the newest entries first and drops the oldest beyond its limit', () => {
    const log = new BoundedLog<number>(3);
    for (let i = 1; i <= 5; i++) log.push(i);
    expect(log.list()).toEqual([5, 4, 3]);
    expect(log.newest).toBe(5);
    expect(log.size).toBe(3);
  });
});

describe('RateMeter', () => {
  it('reports the rate over the last interval', () => {
    const meter = new RateMeter();
    expect(meter.sample(1_000, 10_000)).toBe(0);
    expect(meter.sample(21_000, 11_000)).toBe(20_000);
    expect(meter.sample(22_000, 13_000)).toBe(500);
    expect(meter.perSecond).toBe(500);
  });
});
