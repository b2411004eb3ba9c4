/** CPU, memory and event-loop delay of the current process, sampled at the edges of a measurement window. */
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';

export interface ProcessSample {
  readonly atMs: number;
  /** User + system CPU since the process started, microseconds. */
  readonly cpuUs: number;
  readonly rssMb: number;
  readonly heapUsedMb: number;
  /** Event-loop delay since the previous sample (ms): how late timers and I/O callbacks ran. */
  readonly lagP50Ms: number;
  readonly lagP99Ms: number;
  readonly lagMaxMs: number;
}

export class ProcessMeter {
  private readonly delay: IntervalHistogram;

  /** @param resolutionMs event-loop delay sampling period (default 5 ms). */
  constructor(resolutionMs = 5) {
    this.delay = monitorEventLoopDelay({ resolution: resolutionMs });
    this.delay.enable();
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
      lagP50Ms: ms(this.delay.percentile(50)),
      lagP99Ms: ms(this.delay.percentile(99)),
      lagMaxMs: ms(this.delay.max),
    };
    this.delay.reset();
    return result;
  }

  stop(): void {
    this.delay.disable();
  }
}
