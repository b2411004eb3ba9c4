/**
 * The simulated DhanHQ as a benchmark helper process, so the market's own CPU use never
 * counts against the client being measured.
 */
import WebSocket from 'ws';
import { startSimulator, type SimulatorHandle, type SimulatorOptions } from '../../src/sim';
import { serveRole } from '../harness/role-ipc';

export interface SimStart {
  readonly ticksPerSecond: number;
  readonly strikeRangeScale?: number;
  readonly seed?: number;
  readonly scripMasterFillerRows?: number;
  readonly stepMs?: number;
}

export interface SimStarted {
  readonly env: Record<string, string>;
  readonly options: number;
  readonly underlyings: readonly string[];
}

/** What the feed has sent to the connections that are open now. */
export interface SimFeedTotals {
  readonly atMs: number;
  readonly openConnections: number;
  readonly packetsSent: number;
  readonly framesSent: number;
  readonly bytesSent: number;
  readonly packetsDropped: number;
  readonly marketTicks: number;
  readonly subscribed: number;
  /** The simulator process's CPU (user + system) since it started, µs. */
  readonly cpuUs: number;
}

/** One frame the simulator handed to a socket: security id, LTP (float32 as sent), time (ms, performance.timeOrigin-based). */
export type TappedSend = [securityId: number, ltp: number, atMs: number];

/**
 * Records when the simulator hands a frame for one of `ids` to its socket — the moment a frame
 * leaves the simulator — by wrapping ws's send for this process. Benchmark instrumentation
 * only: the simulator's code is untouched, and frames are sent exactly as before.
 */
function installSendTap(ids: ReadonlySet<number>, out: TappedSend[]): () => void {
  const proto = WebSocket.prototype as unknown as { send: (data: unknown, ...rest: unknown[]) => void };
  const original = proto.send;
  proto.send = function tapped(this: WebSocket, data: unknown, ...rest: unknown[]): void {
    // One packet per frame: LTP sits at byte 8 of ticker (2), quote (4) and full (8) packets.
    if (Buffer.isBuffer(data) && data.length >= 16) {
      const code = data[0];
      if ((code === 2 || code === 4 || code === 8) && ids.has(data.readUInt32LE(4))) {
        out.push([data.readUInt32LE(4), data.readFloatLE(8), performance.timeOrigin + performance.now()]);
      }
    }
    original.call(this, data, ...rest);
  };
  return () => {
    proto.send = original;
  };
}

export function simRole(): void {
  let sim: SimulatorHandle | null = null;
  let tapped: TappedSend[] = [];
  let removeTap: (() => void) | null = null;
  const requireSim = (): SimulatorHandle => {
    if (!sim) throw new Error('the simulator is not started');
    return sim;
  };
  serveRole({
    async start(args) {
      const a = args as SimStart;
      const options: SimulatorOptions = {
        seed: a.seed ?? 1,
        ticksPerSecond: a.ticksPerSecond,
        strikeRangeScale: a.strikeRangeScale ?? 1.3,
        marketHours: 'always-open',
        scripMasterFillerRows: a.scripMasterFillerRows ?? 0,
        ...(a.stepMs ? { stepMs: a.stepMs } : {}),
        // A benchmark client may be busy for a while; it is never dropped for a late pong.
        feedLimits: { pongTimeoutMs: 600_000 },
      };
      sim = await startSimulator(options);
      const skeleton = sim.market.skeleton();
      return {
        env: sim.env(),
        options: skeleton.counts.options,
        underlyings: skeleton.underlyings.map((u) => u.symbol),
      } satisfies SimStarted;
    },
    totals() {
      const stats = requireSim().market.stats();
      const open = stats.feed.connections.filter((c) => c.closedAtMs === null);
      const sum = (pick: (c: (typeof open)[number]) => number): number =>
        open.reduce((n, c) => n + pick(c), 0);
      return {
        atMs: Date.now(),
        openConnections: open.length,
        packetsSent: sum((c) => c.packetsSent),
        framesSent: sum((c) => c.framesSent),
        bytesSent: sum((c) => c.bytesSent),
        packetsDropped: sum((c) => c.packetsDropped),
        marketTicks: stats.market.ticks,
        subscribed: stats.feed.subscribedInstruments,
        cpuUs: process.cpuUsage().user + process.cpuUsage().system,
      } satisfies SimFeedTotals;
    },
    spots(args) {
      const symbols = args as string[];
      return Object.fromEntries(symbols.map((s) => [s, requireSim().market.spot(s)]));
    },
    tapStart(args) {
      removeTap?.();
      tapped = [];
      removeTap = installSendTap(new Set(args as number[]), tapped);
      return null;
    },
    tapDrain() {
      const out = tapped.splice(0, tapped.length);
      return out;
    },
    async stop() {
      removeTap?.();
      await sim?.close();
      sim = null;
    },
  });
}
