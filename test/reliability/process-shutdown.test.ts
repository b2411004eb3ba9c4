/**
 * The app quits cleanly: while a feed handshake is still open, while a connection cools off
 * after 805, during a 20 000 ticks/s burst, and while a REST request hangs. The engine runs in a
 * child process (test/fixtures/shutdown-scenario.ts) against this process's simulator, which
 * stays up as DhanHQ would. The child stops its runtime and returns from main without
 * process.exit, so it only exits if no socket or timer is left behind. The time bounds below
 * are hang detectors, not performance assertions.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_CLIENT_ID, startSimulator, type SimulatorHandle, type SimulatorOptions } from '../../src/sim';
import { waitFor } from '../fixtures/engine-harness';
import { findLeaks, makeCanaryToken } from '../fixtures/secret-scan';

const SCENARIO = join(__dirname, '..', 'fixtures', 'shutdown-scenario.ts');
/** Longest a scenario may take from spawn to exit before it counts as hung (startup included). */
const RUN_BOUND_MS = 45_000;
/** Longest the child may live after runtime.stop() resolved: it exits at once unless something holds it. */
const EXIT_AFTER_STOP_BOUND_MS = 5_000;

/** The child runs on a canary token: nothing it prints, on success or on a crash, may contain it. */
const CANARY = makeCanaryToken(DEMO_CLIENT_ID, Date.now(), 'child');

let sim: SimulatorHandle | null = null;
let blackHole: { server: Server; sockets: Set<Socket> } | null = null;
let dataDir: string | null = null;

afterEach(async () => {
  await sim?.close();
  if (blackHole) {
    for (const socket of blackHole.sockets) socket.destroy();
    await new Promise((resolve) => blackHole!.server.close(resolve));
  }
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
  sim = null;
  blackHole = null;
  dataDir = null;
});

interface ChildRun {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  /** The JSON lines the scenario printed. */
  readonly events: Record<string, unknown>[];
  /** Milliseconds from the 'stopped' line to the process exit; null when it never stopped. */
  readonly exitAfterStopMs: number | null;
  readonly hung: boolean;
}

async function startSim(options: SimulatorOptions = {}): Promise<SimulatorHandle> {
  sim = await startSimulator({ seed: 11, ticksPerSecond: 300, accessToken: CANARY.token, ...options });
  return sim;
}

async function runScenario(scenario: string, env: Record<string, string>, onEvent?: (event: Record<string, unknown>) => void): Promise<ChildRun> {
  dataDir = await mkdtemp(join(tmpdir(), 'chainlens-shutdown-'));
  const child = spawn(process.execPath, ['--import', 'tsx', SCENARIO, scenario], {
    cwd: join(__dirname, '..', '..'),
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', CHAINLENS_TEST_DATA_DIR: dataDir, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let stoppedAt: number | null = null;
  const events: Record<string, unknown>[] = [];
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    const lines = stdout.split('\n');
    for (const line of lines.slice(events.length, -1)) {
      const event = JSON.parse(line) as Record<string, unknown>;
      events.push(event);
      if (event.event === 'stopped') stoppedAt = Date.now();
      onEvent?.(event);
    }
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  let hung = false;
  const killer = setTimeout(() => {
    hung = true;
    child.kill('SIGKILL');
  }, RUN_BOUND_MS);
  const afterStop = setInterval(() => {
    if (stoppedAt !== null && Date.now() - stoppedAt > EXIT_AFTER_STOP_BOUND_MS) {
      hung = true;
      child.kill('SIGKILL');
    }
  }, 100);
  const { code, signal } = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (c, s) => resolve({ code: c, signal: s })),
  );
  clearTimeout(killer);
  clearInterval(afterStop);
  return { code, signal, stdout, stderr, events, exitAfterStopMs: stoppedAt === null ? null : Date.now() - stoppedAt, hung };
}

function stopped(run: ChildRun): Record<string, unknown> {
  const event = run.events.find((e) => e.event === 'stopped');
  if (!event) throw new Error(`the scenario never stopped: ${run.stderr || run.stdout}`);
  return event;
}

function expectCleanExit(run: ChildRun): void {
  expect(findLeaks('child output', run.stdout + run.stderr, CANARY.needles)).toEqual([]);
  expect({ hung: run.hung, code: run.code, signal: run.signal, stderr: run.stderr }).toEqual({ hung: false, code: 0, signal: null, stderr: '' });
}

/** A server that accepts TCP connections and never answers anything on them; returns its port. */
async function startBlackHole(): Promise<number> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  blackHole = { server, sockets };
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as { port: number }).port;
}

describe('quitting cleanly', { timeout: 60_000 }, () => {
  it('while the instrument master download is stalled at startup', async () => {
    const s = await startSim();
    const port = await startBlackHole();
    const run = await runScenario('starting', { ...s.env(), DHAN_SCRIP_MASTER_URL: `http://127.0.0.1:${port}/api-scrip-master-detailed.csv`, CHAINLENS_UNDERLYINGS: 'FINNIFTY' });
    expectCleanExit(run);
    expect(stopped(run)).toMatchObject({ feedStateAfter: 'stopped' });
  });

  it('while a feed handshake is still unanswered', async () => {
    const s = await startSim();
    const port = await startBlackHole();
    const sockets = blackHole!.sockets;
    const run = await runScenario('connecting', { ...s.env(), DHAN_FEED_URL: `ws://127.0.0.1:${port}/`, CHAINLENS_UNDERLYINGS: 'FINNIFTY' });
    expectCleanExit(run);
    expect(stopped(run)).toMatchObject({ feedStateAtStop: 'connecting', connectionsAtStop: ['connecting'], connectionsAfter: ['closed'], feedStateAfter: 'stopped' });
    await waitFor(() => sockets.size === 0, 5_000, 'the half-open socket to close');
  });

  it('while a connection cools off after 805', async () => {
    const s = await startSim();
    let sent = false;
    const run = await runScenario('reconnecting', { ...s.env(), CHAINLENS_UNDERLYINGS: 'FINNIFTY' }, (event) => {
      if (event.event !== 'started' || sent) return;
      sent = true;
      void waitFor(() => s.market.stats().feed.subscribedInstruments > 0, 15_000, 'subscriptions').then(() => s.faults.disconnect(805));
    });
    expectCleanExit(run);
    expect(stopped(run)).toMatchObject({ feedStateAtStop: 'reconnecting', connectionsAfter: ['closed'], feedStateAfter: 'stopped' });
  });

  it('during a burst of 20 000 ticks a second over five connections', async () => {
    const s = await startSim({ ticksPerSecond: 20_000 });
    const run = await runScenario('burst', s.env());
    expectCleanExit(run);
    expect(stopped(run)).toMatchObject({
      feedStateAtStop: 'live',
      connectionsAtStop: ['open', 'open', 'open', 'open', 'open'],
      connectionsAfter: ['closed', 'closed', 'closed', 'closed', 'closed'],
    });
    // The simulator saw every socket go.
    await waitFor(() => s.market.stats().feed.openConnections === 0, 5_000, 'the simulator to see the sockets close');
  });

  it('while an option-chain request hangs', async () => {
    const s = await startSim();
    s.faults.setRestFault({ kind: 'hang', endpoint: 'optionchain' });
    // The hanging request's socket would keep the process alive until the 10 s REST timeout.
    const run = await runScenario('rest-hang', { ...s.env(), CHAINLENS_UNDERLYINGS: 'FINNIFTY' });
    expectCleanExit(run);
    expect(stopped(run)).toMatchObject({ feedStateAfter: 'stopped' });
  });
});
