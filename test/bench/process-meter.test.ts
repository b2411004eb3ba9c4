import { describe, expect, it } from 'vitest';
import { gcBetween, ProcessMeter, threadCpuPer, type ProcessSample } from '../../bench/harness/process-meter';

function sample(overrides: Partial<ProcessSample>): ProcessSample {
  return {
    atMs: 0,
    cpuUs: 0,
    rssMb: 0,
    heapUsedMb: 0,
    heapTotalMb: 0,
    externalMb: 0,
    lagP50Ms: 0,
    lagP99Ms: 0,
    lagMaxMs: 0,
    gc: { minor: 0, minorMs: 0, major: 0, majorMs: 0, other: 0, otherMs: 0 },
    threadCpuUs: null,
    ...overrides,
  };
}

describe('ProcessMeter window arithmetic', () => {
  it('gives the GC pauses between two samples', () => {
    const a = sample({ gc: { minor: 3, minorMs: 2.5, major: 1, majorMs: 10, other: 4, otherMs: 1 } });
    const b = sample({ gc: { minor: 10, minorMs: 9, major: 1, majorMs: 10, other: 6, otherMs: 1.5 } });
    expect(gcBetween(a, b)).toEqual({ minor: 7, minorMs: 6.5, major: 0, majorMs: 0, other: 2, otherMs: 0.5 });
  });

  it('splits CPU per unit between the main thread and the others, and says null without /proc figures', () => {
    const a = sample({ threadCpuUs: { main: 1_000_000, others: 50_000 } });
    const b = sample({ threadCpuUs: { main: 1_500_000, others: 90_000 } });
    expect(threadCpuPer(a, b, 400_000)).toEqual({ main: 1.25, others: 0.1 });
    expect(threadCpuPer(sample({}), b, 400_000)).toBeNull();
  });
});

describe('ProcessMeter thread split', () => {
  it("reads this process's threads from /proc on Linux (whole clock ticks, never going down) and says null elsewhere", () => {
    const meter = new ProcessMeter();
    const first = meter.sample();
    let x = 0;
    for (let i = 0; i < 5_000_000; i++) x += Math.sqrt(i);
    const second = meter.sample();
    meter.stop();
    expect(x).toBeGreaterThan(0);
    if (process.platform !== 'linux') {
      expect(second.threadCpuUs).toBeNull();
      return;
    }
    const a = first.threadCpuUs as { main: number; others: number };
    const b = second.threadCpuUs as { main: number; others: number };
    expect(b.main).toBeGreaterThanOrEqual(a.main);
    expect(b.main % 10_000).toBe(0);
    expect(b.others % 10_000).toBe(0);
  });
});
