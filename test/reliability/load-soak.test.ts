/**
 * Load and soak: 25 000 instruments over five connections at 20 000 ticks/s for a minute (after
 * a 10 s warm-up), engine and simulator in one child process started with --expose-gc
 * (test/fixtures/soak-scenario.ts). What is asserted, once the simulator has fallen silent:
 * - no packet is lost between the simulator's sockets and the engine's cache: packets the
 *   simulator sent = packets the engine's connections received = packets the decoder
 *   delivered = packets the QuoteCache applied, with no decode error, no packet for an unknown
 *   instrument, no packet the simulator had to drop for a slow reader, and no disconnect;
 * - memory is bounded: the heap after forced GCs at the end is within 8 MB of the heap after
 *   the warm-up (a leak of 8 bytes per tick would exceed it), and the bounded logs stay bounded.
 * A longer soak with printed throughput figures belongs to the benchmark suite (bench/).
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const SCENARIO = join(__dirname, '..', 'fixtures', 'soak-scenario.ts');
const SOAK_SECONDS = 60;
const WARMUP_SECONDS = 10;
/** Hang detector for the whole child run (startup, warm-up, soak, drain, stop). */
const RUN_BOUND_MS = 200_000;
const HEAP_GROWTH_BOUND_BYTES = 8 * 1_048_576;

interface SoakReport {
  readonly ticks: number;
  readonly ticksPerSecond: number;
  readonly elapsedMs: number;
  readonly subscribed: number;
  readonly connections: readonly { id: number; subscribed: number; packets: number; state: string }[];
  readonly simConnections: readonly { id: number; instruments: number; packetsSent: number; packetsDropped: number; closedAtMs: number | null }[];
  readonly simSent: number;
  readonly simDropped: number;
  readonly engineReceived: number;
  readonly engineDelivered: number | null;
  readonly ingestErrors: number | null;
  readonly decodeErrors: number;
  readonly cache: { applied: number; unknownInstrument: number; undocumented: number; disconnects: number };
  readonly disconnects: number;
  readonly restLog: number;
  readonly tickLogBatch: number;
  readonly batches: { count: number; rows: number };
  readonly problems: readonly string[];
  readonly heapWarmMb: number;
  readonly heapEndMb: number;
  readonly heapGrowthBytes: number;
}

let dataDir: string | null = null;
afterEach(async () => {
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
  dataDir = null;
});

async function runSoak(): Promise<{ code: number | null; stderr: string; report: SoakReport | null }> {
  dataDir = await mkdtemp(join(tmpdir(), 'chainlens-soak-'));
  const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', SCENARIO], {
    cwd: join(__dirname, '..', '..'),
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      CHAINLENS_TEST_DATA_DIR: dataDir,
      SOAK_SECONDS: String(SOAK_SECONDS),
      WARMUP_SECONDS: String(WARMUP_SECONDS),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const killer = setTimeout(() => child.kill('SIGKILL'), RUN_BOUND_MS);
  const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
  clearTimeout(killer);
  const line = stdout.split('\n').find((l) => l.startsWith('{'));
  return { code, stderr, report: line ? (JSON.parse(line) as SoakReport) : null };
}

describe('load and soak', () => {
  it(`carries 20 000 ticks/s over 25 000 instruments for ${SOAK_SECONDS} s without losing a packet or growing the heap`, async () => {
    const { code, stderr, report } = await runSoak();
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    const r = report!;
    // Figures for the reader; the benchmark suite tracks them.
    console.log(
      `soak: ${r.ticks} ticks in ${r.elapsedMs} ms (${r.ticksPerSecond}/s), ${r.simSent} packets, heap ${r.heapWarmMb} → ${r.heapEndMb} MB (${r.heapGrowthBytes} bytes)`,
    );

    expect(r.subscribed).toBe(25_000);
    expect(r.connections.map((c) => [c.subscribed, c.state])).toEqual(Array.from({ length: 5 }, () => [5_000, 'open']));
    expect(r.simConnections.map((c) => [c.instruments, c.closedAtMs, c.packetsDropped])).toEqual(Array.from({ length: 5 }, () => [5_000, null, 0]));

    // Socket to cache, nothing lost on the way.
    expect(r.simSent).toBeGreaterThan(r.ticks);
    expect(r.engineReceived).toBe(r.simSent);
    expect(r.engineDelivered).toBe(r.simSent);
    expect(r.cache.applied).toBe(r.simSent);
    expect(r.connections.map((c) => c.packets).sort((a, b) => a - b)).toEqual(r.simConnections.map((c) => c.packetsSent).sort((a, b) => a - b));
    expect({ simDropped: r.simDropped, decodeErrors: r.decodeErrors, ingestErrors: r.ingestErrors, disconnects: r.disconnects }).toEqual({
      simDropped: 0,
      decodeErrors: 0,
      ingestErrors: 0,
      disconnects: 0,
    });
    expect(r.cache).toMatchObject({ unknownInstrument: 0, undocumented: 0, disconnects: 0 });
    expect(r.problems).toEqual(['FEED_SUBSCRIPTION_LIMIT']);
    expect(r.batches.count).toBeGreaterThan(0);

    // Memory: the heap after GC, and the bounded logs.
    expect(r.heapGrowthBytes).toBeLessThan(HEAP_GROWTH_BOUND_BYTES);
    expect(r.restLog).toBeLessThanOrEqual(100);
    expect(r.tickLogBatch).toBeLessThanOrEqual(200);
  }, RUN_BOUND_MS + 10_000);
});
