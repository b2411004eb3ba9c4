import { afterEach, describe, expect, it } from 'vitest';
import { REQUEST_CODE } from '../../src/shared/feed/feed-layout';
import { FeedClient } from './helpers/feed-client';
import { advanceInSteps, settle, startTestSim, until, type TestSim } from './helpers/sim-fixture';

const running: { t: TestSim; client: FeedClient }[] = [];

afterEach(async () => {
  for (const { t, client } of running.splice(0)) {
    client.close();
    await t.sim.close();
  }
});

/** Starts a simulator, subscribes a spread of NIFTY contracts in every mode, and runs 3 s of market. */
async function recordSession(seed: number): Promise<Uint8Array[]> {
  const t = await startTestSim({ seed, ticksPerSecond: 2000 });
  const client = await FeedClient.connect(t.feedUrl(), {}, () => t.clock.nowMs());
  running.push({ t, client });
  const strikes = t.sim.market.skeleton().underlyings[0]!.expiries[0]!.strikes.slice(140, 160);
  client.subscribe(REQUEST_CODE.SUBSCRIBE_FULL, strikes.map((s) => ({ segment: 'NSE_FNO', securityId: s.ceSecurityId })));
  client.subscribe(REQUEST_CODE.SUBSCRIBE_QUOTE, strikes.map((s) => ({ segment: 'NSE_FNO', securityId: s.peSecurityId })));
  client.subscribe(REQUEST_CODE.SUBSCRIBE_TICKER, [{ segment: 'IDX_I', securityId: 13 }]);
  await client.waitForFrames(20 * 2 + 20 * 3 + 2);
  await advanceInSteps(t, 3000, 250);
  const sent = (): number => t.sim.market.stats().feed.connections[0]!.framesSent;
  await until(() => client.frames.length === sent());
  await settle();
  return client.frames;
}

const concat = (frames: Uint8Array[]): Buffer => Buffer.concat(frames.map((f) => Buffer.from(f)));

describe('determinism', () => {
  it('gives byte-identical frames for the same seed and clock', async () => {
    const first = await recordSession(7);
    const second = await recordSession(7);
    expect(first.length).toBeGreaterThan(500);
    expect(second.map((f) => f.length)).toEqual(first.map((f) => f.length));
    expect(concat(second).equals(concat(first))).toBe(true);
  });

  it('gives different frames for another seed', async () => {
    const first = await recordSession(7);
    const other = await recordSession(8);
    expect(concat(other).equals(concat(first))).toBe(false);
  });
});
