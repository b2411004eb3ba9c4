/**
 * Feed end to end in Node: the simulator (its own process) → loopback WebSocket, one packet per
 * frame as DhanHQ sends → the real engine (createAppRuntime: feed pool, decode, cache, tick log,
 * chain view batches every 50 ms to one client that has the default chain open and receives
 * them as JSON). The baseline is a bare `ws` client in its own process, subscribed to the same
 * instruments in the same modes, receiving the same frames and doing nothing with them.
 *
 * Each client runs in a fresh process; the clients alternate, so load on the machine hits all
 * alike. CPU is the client process's own (user + system) over the measurement window.
 *
 * Two more clients split the engine's extra cost: `ingest` is the bare client's sockets with
 * only the engine's per-packet path added (FeedIngest → QuoteCache, tick log, the 50 ms drain),
 * and `headless` is the whole engine with no client and no chain open.
 */
import { fileURLToPath } from 'node:url';
import type { FigureResult } from '../harness/bench-result';
import { caseMain, progress } from '../harness/case-main';
import { formatNumber, missedBy, misses } from '../harness/format-figure';
import {
  gcBetween,
  ProcessMeter,
  threadCpuPer,
  type GcTotals,
  type ProcessSample,
} from '../harness/process-meter';
import { currentRole, RoleProcess, serveRole, sleep } from '../harness/role-ipc';
import { WindowProfiler } from '../harness/window-profiler';
import { median } from '../harness/stats';
import { startBareClient, type BareClient } from '../workloads/bare-feed-client';
import { ingestConsumer } from '../workloads/ingest-consumer';
import { startEngineHost, type EngineHost } from '../workloads/engine-host';
import { simRole, type SimFeedTotals, type SimStarted } from '../workloads/sim-role';

type ClientKind = 'bare' | 'ingest' | 'headless' | 'engine';
const ORDER: readonly ClientKind[] = ['bare', 'ingest', 'headless', 'engine'];
const isEngine = (kind: ClientKind): boolean => kind === 'headless' || kind === 'engine';

interface ClientSample extends ProcessSample {
  readonly packets: number;
  /** Wall-clock ms inside the engine's batches since start (engine clients; 0 otherwise). */
  readonly batchMs: number;
}

interface WindowResult {
  readonly kind: ClientKind;
  readonly packetsPerSec: number;
  readonly cpuUsPerPacket: number;
  readonly cpuPercent: number;
  /** Packets sent but not yet received: at the window's start and end. */
  readonly backlogStart: number;
  readonly backlogEnd: number;
  readonly dropped: number;
  readonly lagP99Ms: number;
  readonly rssMb: number;
  readonly heapTotalMb: number;
  readonly externalMb: number;
  /** CPU per packet on the main thread and on all other threads (V8 compiler and GC helpers…), or null off Linux. */
  readonly threadUsPerPacket: { main: number; others: number } | null;
  /** Main-thread GC pauses within the window. */
  readonly gc: GcTotals;
  /** Wall-clock ms a second inside the engine's 50 ms batches, or null for a client without them. */
  readonly batchMsPerSec: number | null;
  /** The simulator's share of one core over the window: near 100 % means it, not the client, set the pace. */
  readonly simCpuPercent: number;
}

const TARGET_PPS = 100_000;
const TARGET_CPU_RATIO = 1.5;

function clientRole(): void {
  const meter = new ProcessMeter();
  const profiler = new WindowProfiler('feed-e2e-client');
  let kindOf: ClientKind = 'bare';
  let bare: BareClient | null = null;
  let engine: EngineHost | null = null;
  const packets = (): number =>
    bare ? bare.counts.frames : (engine?.runtime.engine.feedIngest()?.packetsDelivered ?? 0);
  serveRole({
    async start(args) {
      const { kind, env, spots } = args as {
        kind: ClientKind;
        env: Record<string, string>;
        spots: Record<string, number | null>;
      };
      kindOf = kind;
      if (kind === 'bare') bare = await startBareClient(env, spots);
      else if (kind === 'ingest') bare = await startBareClient(env, spots, ingestConsumer);
      else engine = await startEngineHost({ env, connectClient: kind === 'engine' });
      return { sockets: bare?.sockets ?? engine?.runtime.engine.diagnostics().feed.connections.length ?? 0 };
    },
    async windowStart() {
      await profiler.start();
      return {
        ...meter.sample(),
        packets: packets(),
        batchMs: engine?.batches.ms ?? 0,
      } satisfies ClientSample;
    },
    async windowEnd() {
      const sample = {
        ...meter.sample(),
        packets: packets(),
        batchMs: engine?.batches.ms ?? 0,
      } satisfies ClientSample;
      const file = await profiler.stop();
      if (file) progress(`${kindOf} window profile: ${file}`);
      return sample;
    },
    diagnostics() {
      const d = engine?.runtime.engine.diagnostics();
      return d ? { subscriptions: d.subscriptions, received: engine?.received } : null;
    },
    async stop() {
      await bare?.close();
      await engine?.close();
    },
  });
}

async function measureWindow(
  file: string,
  kind: ClientKind,
  sim: RoleProcess,
  env: Record<string, string>,
  warmupMs: number,
  windowMs: number,
): Promise<WindowResult> {
  const spots = await sim.call<Record<string, number | null>>('spots', [
    'NIFTY',
    'BANKNIFTY',
    'FINNIFTY',
    'MIDCPNIFTY',
    'SENSEX',
    'BANKEX',
  ]);
  const client = RoleProcess.start(file, 'client');
  try {
    await client.call('start', { kind, env, spots });
    await sleep(warmupMs);
    const a = await client.call<ClientSample>('windowStart');
    const sa = await sim.call<SimFeedTotals>('totals');
    await sleep(windowMs);
    const b = await client.call<ClientSample>('windowEnd');
    const sb = await sim.call<SimFeedTotals>('totals');
    const received = b.packets - a.packets;
    const seconds = (b.atMs - a.atMs) / 1000;
    const cpuUs = b.cpuUs - a.cpuUs;
    if (kind === 'engine') {
      const d = await client.call<{
        subscriptions: { planned: number; byMode: Record<string, number> };
        received: { events: number; bytes: number };
      }>('diagnostics');
      progress(
        `engine subscribed ${d.subscriptions.planned} instruments ${JSON.stringify(d.subscriptions.byMode)}; client got ${d.received.events} events`,
      );
    }
    return {
      kind,
      packetsPerSec: received / seconds,
      cpuUsPerPacket: cpuUs / Math.max(1, received),
      cpuPercent: (cpuUs / 1e6 / seconds) * 100,
      backlogStart: sa.packetsSent - a.packets,
      backlogEnd: sb.packetsSent - b.packets,
      dropped: sb.packetsDropped - sa.packetsDropped,
      lagP99Ms: b.lagP99Ms,
      rssMb: b.rssMb,
      heapTotalMb: b.heapTotalMb,
      externalMb: b.externalMb,
      threadUsPerPacket: threadCpuPer(a, b, received),
      batchMsPerSec: isEngine(kind) ? (b.batchMs - a.batchMs) / seconds : null,
      gc: gcBetween(a, b),
      simCpuPercent: ((sb.cpuUs - sa.cpuUs) / 1e6 / ((sb.atMs - sa.atMs) / 1000)) * 100,
    };
  } finally {
    await client.stop();
  }
}

function describe(w: WindowResult): string {
  return (
    `${w.kind}: ${formatNumber(w.packetsPerSec)} packets/s · ${formatNumber(w.cpuUsPerPacket)} µs CPU/packet (${formatNumber(w.cpuPercent)}% of a core` +
    (w.threadUsPerPacket
      ? `; main thread ${formatNumber(w.threadUsPerPacket.main)}, other threads ${formatNumber(w.threadUsPerPacket.others)} µs/packet) · `
      : ') · ') +
    `backlog ${w.backlogStart} → ${w.backlogEnd} · dropped ${w.dropped} · loop p99 ${w.lagP99Ms} ms · RSS ${w.rssMb} MB ` +
    `(heap ${w.heapTotalMb}, external ${w.externalMb}) · GC pauses: ${w.gc.minor} minor ${formatNumber(w.gc.minorMs)} ms, ` +
    `${w.gc.major} major ${formatNumber(w.gc.majorMs)} ms, ${w.gc.other} other ${formatNumber(w.gc.otherMs)} ms · ` +
    (w.batchMsPerSec === null ? '' : `batches ${formatNumber(w.batchMsPerSec)} ms/s (wall) · `) +
    `simulator ${formatNumber(w.simCpuPercent)}% of a core`
  );
}

async function runCase(
  quick: boolean,
  ticksPerSecond: number,
): Promise<{ figures: FigureResult[]; notes: string[]; workload: string }> {
  const file = fileURLToPath(import.meta.url);
  const repeats = quick ? 1 : 3;
  const warmupMs = quick ? 3_000 : 8_000;
  // Twelve windows of 10 s (about a million packets each) keep the full suite under its 10 minutes;
  // with 15 s windows this benchmark alone took 289 s and the suite 625 s.
  const windowMs = quick ? 4_000 : 10_000;
  const sim = RoleProcess.start(file, 'sim');
  const windows: WindowResult[] = [];
  let started: SimStarted;
  try {
    started = await sim.call<SimStarted>('start', { ticksPerSecond });
    progress(`simulator up: ${started.options} options, ${ticksPerSecond} ticks/s offered`);
    for (let r = 0; r < repeats; r++) {
      const order = r % 2 === 0 ? ORDER : [...ORDER].reverse();
      for (const kind of order) {
        const w = await measureWindow(file, kind, sim, started.env, warmupMs, windowMs);
        windows.push(w);
        progress(describe(w));
      }
    }
  } finally {
    await sim.stop();
  }
  const of = (kind: ClientKind): WindowResult[] => windows.filter((w) => w.kind === kind);
  const engine = of('engine');
  const bare = of('bare');
  const bareCpu = median(bare.map((w) => w.cpuUsPerPacket));
  const part = (kind: ClientKind, id: string, label: string, note: string): FigureResult => ({
    id,
    label,
    unit: 'µs/packet',
    higherIsBetter: false,
    samples: of(kind).map((w) => w.cpuUsPerPacket),
    baseline: { label: 'bare ws client', samples: bare.map((w) => w.cpuUsPerPacket) },
    ratio: { label: `${kind} ÷ bare`, value: median(of(kind).map((w) => w.cpuUsPerPacket)) / bareCpu },
    note,
  });
  const rate = engine.map((w) => w.packetsPerSec);
  const growth = engine.map((w) => w.backlogEnd - w.backlogStart);
  const drops = engine.reduce((n, w) => n + w.dropped, 0);
  // "No growing backlog": what is in flight at the end is no more than a tenth of a second of traffic more than at the start.
  const steady = engine.every((w) => w.backlogEnd - w.backlogStart < w.packetsPerSec / 10) && drops === 0;
  const cpuRatio = median(engine.map((w) => w.cpuUsPerPacket)) / bareCpu;
  const figures: FigureResult[] = [
    {
      id: 'feed.throughput',
      label: 'Engine: packets received and applied per second, sustained',
      unit: 'packets/s',
      higherIsBetter: true,
      samples: rate,
      baseline: { label: 'bare ws client, same frames', samples: bare.map((w) => w.packetsPerSec) },
      target: {
        text: `≥ ${TARGET_PPS.toLocaleString('en-US')} packets/s with no growing backlog`,
        met: median(rate) >= TARGET_PPS && steady,
        miss: misses(
          missedBy(median(rate), TARGET_PPS, true, 'packets/s'),
          steady ? '' : `the backlog grew by ${growth.join(', ')} packets per window (${drops} dropped)`,
        ),
      },
      note:
        `Backlog (sent − received) change over each window: ${growth.join(', ')} packets; ticks dropped by the simulator for a slow reader: ${drops}. ` +
        `Simulator CPU per window: ${engine.map((w) => `${formatNumber(w.simCpuPercent)}%`).join(', ')} of a core (near 100 %, or a bare client that also falls behind, means the simulator set the pace).`,
    },
    {
      id: 'feed.cpu',
      label: 'Engine: CPU per packet (client process, user + system)',
      unit: 'µs/packet',
      higherIsBetter: false,
      samples: engine.map((w) => w.cpuUsPerPacket),
      baseline: { label: 'bare ws client', samples: bare.map((w) => w.cpuUsPerPacket) },
      ratio: { label: 'engine ÷ bare', value: cpuRatio },
      target: {
        text: `engine CPU ≤ ${TARGET_CPU_RATIO}× the bare client's`,
        met: cpuRatio <= TARGET_CPU_RATIO,
        miss:
          cpuRatio > TARGET_CPU_RATIO
            ? `the engine uses ${formatNumber(cpuRatio)}× the bare client's CPU per packet, ${formatNumber(cpuRatio / TARGET_CPU_RATIO)}× the ${TARGET_CPU_RATIO}× allowed`
            : '',
      },
      note: `The engine's 50 ms batches (drain, chain view, analytics, the batch to the client) took ${engineBatchNote(engine)}.`,
    },
    part(
      'ingest',
      'feed.cpu-ingest',
      'Split: the bare client plus only the per-packet path (FeedIngest, cache, tick log, 50 ms drain), CPU per packet',
      "No target. Bare client → this → the engine with no chain open → the engine: the steps split the engine's extra CPU into the per-packet path, the rest of the engine, and an open chain with its client.",
    ),
    part(
      'headless',
      'feed.cpu-headless',
      'Split: the whole engine with no client and no chain open, CPU per packet',
      `No target. Batches (drain only, nothing to show) took ${engineBatchNote(of('headless'))}.`,
    ),
    {
      id: 'feed.cpu-share',
      label: 'Engine: share of one core at this rate',
      unit: '% of a core',
      higherIsBetter: false,
      samples: engine.map((w) => w.cpuPercent),
      baseline: { label: 'bare ws client', samples: bare.map((w) => w.cpuPercent) },
    },
    {
      id: 'feed.loop-delay',
      label: 'Engine: event-loop delay p99 over the window',
      unit: 'ms',
      higherIsBetter: false,
      samples: engine.map((w) => w.lagP99Ms),
      baseline: { label: 'bare ws client', samples: bare.map((w) => w.lagP99Ms) },
    },
  ];
  const workload =
    `Simulator (seed 1, strikeRangeScale 1.3: ${started.options.toLocaleString('en-US')} options) in its own process, offering ` +
    `${ticksPerSecond.toLocaleString('en-US')} ticks/s over the subscribed instruments, one packet per WebSocket frame on loopback. ` +
    `Client: the engine subscribes its own plan (25 000 instruments on 5 connections: the default NIFTY chain in full mode, nearest expiries ` +
    `in quote mode — a quote tick is a quote and an OI packet — and ticker beyond), with a client that has the chain open (15 strikes each ` +
    `side) and receives every event as JSON. The bare client subscribes the same plan. Two more clients split the engine's cost: the bare ` +
    `client with only the engine's per-packet path added, and the engine with no client and no chain open. ${repeats} windows of each ` +
    `client, ${windowMs / 1000} s after ${warmupMs / 1000} s of warm-up, the four taking turns, each in a fresh process.`;
  const notes = windows.map((w) => describe(w));
  return { figures, notes, workload };
}

/** Batch time per second of window, as "a, b, c ms of every second (wall clock)". */
function engineBatchNote(windows: readonly WindowResult[]): string {
  return `${windows.map((w) => formatNumber(w.batchMsPerSec ?? 0)).join(', ')} ms of every second of the windows (wall clock, GC pauses inside included)`;
}

const role = currentRole();
if (role === 'sim') simRole();
else if (role === 'client') clientRole();
else {
  caseMain(async (config) => {
    const ticksPerSecond = Number(config.options.ticksPerSecond ?? 80_000);
    const { figures, notes, workload } = await runCase(config.quick, ticksPerSecond);
    return { title: 'Feed end to end in Node', workload, figures, notes };
  });
}
