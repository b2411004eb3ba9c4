/** CPU, memory and event-loop delay of the current process, sampled at the edges of a measurement window. */
import { readdirSync, readFileSync } from 'node:fs';
import {
  constants,
  monitorEventLoopDelay,
  PerformanceObserver,
  type IntervalHistogram,
} from 'node:perf_hooks';

/** Main-thread garbage-collection pauses since the meter was created (count and milliseconds). */
export interface GcTotals {
  minor: number;
  minorMs: number;
  major: number;
  majorMs: number;
  /** Incremental marking steps and weak-callback processing. */
  other: number;
  otherMs: number;
}

export interface ProcessSample {
  readonly atMs: number;
  /** User + system CPU since the process started, microseconds. */
  readonly cpuUs: number;
  readonly rssMb: number;
  readonly heapUsedMb: number;
  readonly heapTotalMb: number;
  /** Memory of ArrayBuffers and other off-heap objects V8 knows of. */
  readonly externalMb: number;
  readonly gc: Readonly<GcTotals>;
  /**
   * CPU split between the main (JavaScript) thread and every other thread of the process — V8's
   * compiler and GC helpers, libuv's pool — in microseconds since start, from /proc at 10 ms
   * resolution; null where there is no /proc (not Linux).
   */
  readonly threadCpuUs: { readonly main: number; readonly others: number } | null;
  /** Event-loop delay since the previous sample (ms): how late timers and I/O callbacks ran. */
  readonly lagP50Ms: number;
  readonly lagP99Ms: number;
  readonly lagMaxMs: number;
}

export class ProcessMeter {
  private readonly delay: IntervalHistogram;
  private readonly gc: GcTotals = { minor: 0, minorMs: 0, major: 0, majorMs: 0, other: 0, otherMs: 0 };
  private readonly gcObserver: PerformanceObserver;

  /** @param resolutionMs event-loop delay sampling period (default 5 ms). */
  constructor(resolutionMs = 5) {
    this.delay = monitorEventLoopDelay({ resolution: resolutionMs });
    this.delay.enable();
    this.gcObserver = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        const kind = (entry as unknown as { detail?: { kind?: number } }).detail?.kind;
        if (kind === constants.NODE_PERFORMANCE_GC_MINOR) {
          this.gc.minor++;
          this.gc.minorMs += entry.duration;
        } else if (kind === constants.NODE_PERFORMANCE_GC_MAJOR) {
          this.gc.major++;
          this.gc.majorMs += entry.duration;
        } else {
          this.gc.other++;
          this.gc.otherMs += entry.duration;
        }
      }
    });
    this.gcObserver.observe({ entryTypes: ['gc'] });
  }

  /** Takes a sample and starts a fresh event-loop delay window. */
  sample(): ProcessSample {
    const cpu = process.cpuUsage();
    const memory = process.memoryUsage();
    const ms = (ns: number): number => Math.round(ns / 1e4) / 100;
    const result: ProcessSample = {
      atMs: Date.now(),
      cpuUs: cpu.user + cpu.system,
      rssMb: Math.round(memory.rss / 1e5) / 10,
      heapUsedMb: Math.round(memory.heapUsed / 1e5) / 10,
      heapTotalMb: Math.round(memory.heapTotal / 1e5) / 10,
      externalMb: Math.round(memory.external / 1e5) / 10,
      gc: { ...this.gc },
      threadCpuUs: threadCpuUs(),
      lagP50Ms: ms(this.delay.percentile(50)),
      lagP99Ms: ms(this.delay.percentile(99)),
      lagMaxMs: ms(this.delay.max),
    };
    this.delay.reset();
    return result;
  }

  stop(): void {
    this.delay.disable();
    this.gcObserver.disconnect();
  }
}

/** GC pauses between two samples. */
export function gcBetween(a: ProcessSample, b: ProcessSample): GcTotals {
  return {
    minor: b.gc.minor - a.gc.minor,
    minorMs: b.gc.minorMs - a.gc.minorMs,
    major: b.gc.major - a.gc.major,
    majorMs: b.gc.majorMs - a.gc.majorMs,
    other: b.gc.other - a.gc.other,
    otherMs: b.gc.otherMs - a.gc.otherMs,
  };
}

/** Main-thread and other-thread CPU between two samples divided by `units`, or null off Linux. */
export function threadCpuPer(
  a: ProcessSample,
  b: ProcessSample,
  units: number,
): { main: number; others: number } | null {
  if (!a.threadCpuUs || !b.threadCpuUs) return null;
  const n = Math.max(1, units);
  return {
    main: (b.threadCpuUs.main - a.threadCpuUs.main) / n,
    others: (b.threadCpuUs.others - a.threadCpuUs.others) / n,
  };
}

/** Linux's clock tick (USER_HZ) is 100 Hz on every architecture Node supports. */
const US_PER_TICK = 10_000;

function threadCpuUs(): { main: number; others: number } | null {
  let tids: string[];
  try {
    tids = readdirSync('/proc/self/task');
  } catch {
    return null;
  }
  let main = 0;
  let others = 0;
  for (const tid of tids) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
    } catch {
      continue; // the thread ended between the listing and the read
    }
    // Fields after the parenthesised name: state is the first, utime the 12th and stime the 13th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const us = (Number(fields[11]) + Number(fields[12])) * US_PER_TICK;
    if (Number(tid) === process.pid) main += us;
    else others += us;
  }
  return { main, others };
}
