/**
 * Soak: the real engine with a client watching the default chain, fed by the simulator (its own
 * process) at 20 000 ticks/s: two minutes by default so the suite stays under ten minutes,
 * ten (12 M ticks, the soak) with --soak-minutes 10 (`npm run bench:long`), 20 s with
 * --quick (so that the quick suite stays under two minutes). The heap is measured after a
 * forced full GC, once after warm-up (the baseline) and then every few seconds; growth beyond
 * the baseline is what a session would leak. The tick log, the client's event stream and the
 * socket backlog are checked for bounds as well.
 */
import { fileURLToPath } from 'node:url';
import type { CaseConfig, FigureResult } from '../harness/bench-result';
import { caseMain, progress, type CaseOutcome } from '../harness/case-main';
import { missedBy } from '../harness/format-figure';
import { ProcessMeter } from '../harness/process-meter';
import { currentRole, RoleProcess, serveRole, sleep } from '../harness/role-ipc';
import { startEngineHost, type EngineHost } from '../workloads/engine-host';
import { simRole, type SimFeedTotals, type SimStarted } from '../workloads/sim-role';

const TICKS_PER_SECOND = 20_000;
const TARGET_GROWTH_MB = 10;

interface SoakSample {
  readonly atMs: number;
  readonly heapUsedMb: number;
  readonly rssMb: number;
  readonly arrayBuffersMb: number;
  readonly packets: number;
  readonly tickLogEntries: number;
  readonly events: number;
  readonly eventBytes: number;
  readonly lagP99Ms: number;
  readonly disconnects: number;
  readonly restLog: number;
}

declare const gc: (() => void) | undefined;

function clientRole(): void {
  let host: EngineHost | null = null;
  const meter = new ProcessMeter();
  serveRole({
    async start(args) {
      host = await startEngineHost({ env: (args as { env: Record<string, string> }).env });
      return null;
    },
    measure() {
      if (!host) throw new Error('not started');
      if (typeof gc !== 'function') throw new Error('run with --expose-gc');
      // Twice: the first full GC may leave work for finalizers that the second one collects.
      gc();
      gc();
      const memory = process.memoryUsage();
      const engine = host.runtime.engine;
      const diagnostics = engine.diagnostics();
      const process_ = meter.sample();
      const mb = (bytes: number): number => Math.round(bytes / 1e4) / 100;
      return {
        atMs: Date.now(),
        heapUsedMb: mb(memory.heapUsed),
        rssMb: mb(memory.rss),
        arrayBuffersMb: mb(memory.arrayBuffers),
        packets: engine.feedIngest()?.packetsDelivered ?? 0,
        tickLogEntries: engine.tickLogSince(0).entries.length,
        events: host.received.events,
        eventBytes: host.received.bytes,
        lagP99Ms: process_.lagP99Ms,
        disconnects: diagnostics.disconnects.length,
        restLog: diagnostics.rest.length,
      } satisfies SoakSample;
    },
    async stop() {
      await host?.close();
    },
  });
}

/** Least-squares slope of y over x. */
function slope(xs: readonly number[], ys: readonly number[]): number {
  const n = xs.length;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    num += ((xs[i] as number) - mx) * ((ys[i] as number) - my);
    den += ((xs[i] as number) - mx) ** 2;
  }
  return den === 0 ? 0 : num / den;
}

/** The full suite's soak; `npm run bench:long` runs the ten-minute one. */
const DEFAULT_SOAK_MINUTES = 2;
const QUICK_SOAK_MINUTES = 1 / 3;

async function soak(config: CaseConfig): Promise<CaseOutcome> {
  const file = fileURLToPath(import.meta.url);
  const minutes = Number(config.options.soakMinutes ?? (config.quick ? QUICK_SOAK_MINUTES : DEFAULT_SOAK_MINUTES));
  const warmupMs = config.quick ? 5_000 : 30_000;
  const everyMs = config.quick ? 2_500 : 15_000;
  const sim = RoleProcess.start(file, 'sim');
  const client = RoleProcess.start(file, 'client', ['--expose-gc']);
  const samples: SoakSample[] = [];
  const totals: SimFeedTotals[] = [];
  let started: SimStarted;
  try {
    started = await sim.call<SimStarted>('start', { ticksPerSecond: TICKS_PER_SECOND });
    await client.call('start', { env: started.env });
    await sleep(warmupMs);
    const end = Date.now() + minutes * 60_000;
    for (;;) {
      samples.push(await client.call<SoakSample>('measure'));
      totals.push(await sim.call<SimFeedTotals>('totals'));
      const s = samples[samples.length - 1] as SoakSample;
      const t = totals[totals.length - 1] as SimFeedTotals;
      if (samples.length === 1 || samples.length % 4 === 0) {
        progress(
          `${((s.atMs - (samples[0] as SoakSample).atMs) / 1000).toFixed(0)} s: heap ${s.heapUsedMb} MB · RSS ${s.rssMb} MB · ${s.packets} packets · backlog ${t.packetsSent - s.packets}`,
        );
      }
      if (Date.now() >= end) break;
      await sleep(Math.min(everyMs, Math.max(0, end - Date.now())));
    }
  } finally {
    await client.stop();
    await sim.stop();
  }
  const first = samples[0] as SoakSample;
  const last = samples[samples.length - 1] as SoakSample;
  const firstTotals = totals[0] as SimFeedTotals;
  const lastTotals = totals[totals.length - 1] as SimFeedTotals;
  const minutesOf = samples.map((s) => (s.atMs - first.atMs) / 60_000);
  const heapSlope = slope(
    minutesOf,
    samples.map((s) => s.heapUsedMb),
  );
  const growth = samples.map((s) => s.heapUsedMb - first.heapUsedMb);
  const maxGrowth = Math.max(...growth);
  const packets = last.packets - first.packets;
  const elapsedS = (last.atMs - first.atMs) / 1000;
  const backlogStart = firstTotals.packetsSent - first.packets;
  const backlogEnd = lastTotals.packetsSent - last.packets;
  const droppedBySim = lastTotals.packetsDropped - firstTotals.packetsDropped;
  const tickLogMax = Math.max(...samples.map((s) => s.tickLogEntries));
  const figures: FigureResult[] = [
    {
      id: 'soak.heap-growth',
      label: `Heap growth after ${minutes} min (after a full GC), beyond the heap after warm-up`,
      unit: 'MB',
      higherIsBetter: false,
      samples: [last.heapUsedMb - first.heapUsedMb],
      baseline: { label: 'heap after warm-up', samples: [first.heapUsedMb] },
      target: {
        text: `≤ ${TARGET_GROWTH_MB} MB`,
        met: last.heapUsedMb - first.heapUsedMb <= TARGET_GROWTH_MB && maxGrowth <= TARGET_GROWTH_MB,
        miss: missedBy(maxGrowth, TARGET_GROWTH_MB, false, 'MB'),
      },
      note: `Largest growth at any sample ${maxGrowth.toFixed(2)} MB; trend ${heapSlope.toFixed(3)} MB/min over ${samples.length} samples.`,
    },
    {
      id: 'soak.rss-growth',
      label: 'RSS growth over the same span',
      unit: 'MB',
      higherIsBetter: false,
      samples: [last.rssMb - first.rssMb],
      baseline: { label: 'RSS after warm-up', samples: [first.rssMb] },
    },
    {
      id: 'soak.packets',
      label: 'Packets applied during the soak',
      unit: 'packets/s',
      higherIsBetter: true,
      samples: [packets / elapsedS],
      target: {
        text: 'no growing backlog, no ticks dropped, tick log bounded',
        met: backlogEnd - backlogStart < TICKS_PER_SECOND && droppedBySim === 0 && tickLogMax <= 200,
        miss: `backlog ${backlogStart} → ${backlogEnd}, ${droppedBySim} dropped, tick-log batch ${tickLogMax}`,
      },
      note:
        `${packets.toLocaleString('en-US')} packets in ${elapsedS.toFixed(0)} s; backlog (sent − received) ${backlogStart} → ${backlogEnd}; ` +
        `dropped by the simulator for a slow reader ${droppedBySim}; tick-log entries served at most ${tickLogMax} (batch limit 200, ring of 5 000); ` +
        `disconnect history ${last.disconnects} (≤ 50), REST log ${last.restLog} (≤ 100); event-loop p99 at the last sample ${last.lagP99Ms} ms.`,
    },
  ];
  const series = samples
    .filter((_, i) => i % Math.max(1, Math.floor(samples.length / 8)) === 0 || i === samples.length - 1)
    .map((s) => `${((s.atMs - first.atMs) / 1000).toFixed(0)} s: ${s.heapUsedMb} MB`)
    .join(' · ');
  return {
    title: 'Soak',
    workload:
      `Simulator (seed 1, strikeRangeScale 1.3: ${started.options.toLocaleString('en-US')} options) in its own process at ` +
      `${TICKS_PER_SECOND.toLocaleString('en-US')} ticks/s over the engine's 25 000 subscriptions, one packet per frame; the real engine with one ` +
      `client watching the default chain (15 strikes each side, events serialised to JSON). ${warmupMs / 1000} s warm-up, then ${minutes} min ` +
      `measured; heap read after two forced full GCs (--expose-gc) every ${everyMs / 1000} s.`,
    figures,
    notes: [
      `Heap after GC: ${series}.`,
      `Client events received: ${last.events.toLocaleString('en-US')} (${(last.eventBytes / 1e6).toFixed(1)} MB of JSON).`,
    ],
  };
}

const role = currentRole();
if (role === 'sim') simRole();
else if (role === 'client') clientRole();
else caseMain(soak);
