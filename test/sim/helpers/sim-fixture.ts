/**
 * Starts a simulator on a frozen, hand-driven clock: nothing moves until a test advances the
 * ManualScheduler, so values can be compared exactly.
 */
import { ManualClock } from '../../../src/shared/util/clock';
import { startSimulator, ManualScheduler, type SimulatorHandle, type SimulatorOptions } from '../../../src/sim';
import { istEpochMs } from '../../../src/sim/util/ist-time';

/** Monday 6 October 2025, 10:00 IST: a trading day with NIFTY's weekly expiring tomorrow. */
export const TRADING_DATE = '2025-10-06';
export const TEN_AM_IST = istEpochMs(TRADING_DATE, 10 * 60);

export interface TestSim {
  readonly sim: SimulatorHandle;
  readonly clock: ManualClock;
  readonly scheduler: ManualScheduler;
  /** Headers for REST calls with the valid credentials. */
  headers(): Record<string, string>;
  /** The feed URL with credentials, as a client builds it. */
  feedUrl(token?: string, clientId?: string): string;
}

export async function startTestSim(options: SimulatorOptions = {}, startMs = TEN_AM_IST): Promise<TestSim> {
  const clock = new ManualClock(startMs);
  const scheduler = new ManualScheduler(clock);
  const sim = await startSimulator({ seed: 42, clock, scheduler, ...options });
  return {
    sim,
    clock,
    scheduler,
    headers: () => ({ 'access-token': sim.accessToken, 'client-id': sim.clientId, 'content-type': 'application/json' }),
    feedUrl: (token = sim.accessToken, clientId = sim.clientId) =>
      `${sim.feedUrl}?version=2&token=${encodeURIComponent(token)}&clientId=${encodeURIComponent(clientId)}&authType=2`,
  };
}

/** POSTs JSON to a REST path of the simulator. */
export async function postJson(t: TestSim, path: string, body: unknown, headers = t.headers()): Promise<{ status: number; json: unknown; text: string }> {
  const response = await fetch(`${t.sim.apiUrl}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
  const text = await response.text();
  return { status: response.status, json: parseOrNull(text), text };
}

function parseOrNull(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null; // an HTML or empty body: the test asserts on `text`
  }
}

/** Lets pending socket I/O run (a few macrotask turns). */
export async function settle(turns = 5): Promise<void> {
  for (let i = 0; i < turns; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

/** Waits (by event-loop turns, not by time) until `condition` holds; fails after `maxTurns`. */
export async function until(condition: () => boolean, maxTurns = 20_000): Promise<void> {
  for (let i = 0; i < maxTurns; i++) {
    if (condition()) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  throw new Error('condition not reached');
}

/** Advances the manual scheduler in `stepMs` slices, letting socket I/O run between slices. */
export async function advanceInSteps(t: TestSim, totalMs: number, stepMs = 1000): Promise<void> {
  for (let done = 0; done < totalMs; done += stepMs) {
    t.scheduler.advance(Math.min(stepMs, totalMs - done));
    await settle();
  }
}
