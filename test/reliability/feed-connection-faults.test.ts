/**
 * Feed faults that are not DhanHQ disconnect codes — a dropped TCP connection, a silent
 * socket, missing keep-alive pings, handshakes refused with 429 or 401 — driven through the
 * simulator over real sockets. Each test asserts what the user sees (disconnect history,
 * problem list with message and remedy) and that the feed comes back without a restart.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { problemOf } from '../../src/shared/errors/app-error';
import { waitFor, type Harness } from '../fixtures/engine-harness';
import {
  diagnostics,
  FAST_FEED_TIMING,
  findProblem,
  outcomeOf,
  pause,
  problemCodes,
  startFaultHarness,
  state,
  waitForDisconnect,
  waitForFeed,
  waitForNoProblem,
  waitForProblem,
} from '../fixtures/reliability-kit';

let harness: Harness | null = null;
afterEach(async () => {
  await harness?.close();
  harness = null;
});

describe('a connection dropped without a close frame', () => {
  it('is recorded as FEED_DROPPED, reconnects after the first back-off step and restores every subscription', async () => {
    harness = await startFaultHarness();
    const h = harness;
    const before = await waitForFeed(h, 'live');
    expect(before.feed.connections).toHaveLength(1);
    const planned = before.subscriptions.planned;

    expect(h.sim.faults.drop('all')).toBe(1);
    const record = await waitForDisconnect(h, (r) => r.errorCode === 'FEED_DROPPED');
    expect(outcomeOf(record)).toEqual({
      code: null,
      errorCode: 'FEED_DROPPED',
      meaning: 'The connection closed without a disconnect reason (WebSocket close 1006)',
      action: 'reconnect',
    });

    const after = await waitForFeed(h, 'live');
    expect(after.subscriptions.subscribed).toBe(planned);
    expect(after.disconnects).toHaveLength(1);
    // The simulator saw the first socket dropped and a second one subscribe everything again.
    // The engine counts a subscription as sent; the simulator applies it when the message
    // arrives, so wait for it to have done so before reading its count.
    const simConnections = await waitFor(
      () => {
        const connections = h.sim.market.stats().feed.connections;
        return connections[0]?.instruments === planned && connections;
      },
      8_000,
      'the simulator to apply the re-sent subscriptions',
    );
    expect(simConnections.map((c) => c.closeReason)).toEqual([null, 'dropped']);
    expect(simConnections[0]!.instruments).toBe(planned);
    expect(problemCodes(h)).toEqual([]);
    expect(state(h).phase).toBe('ready');
  });

  it('shows FEED_DROPPED "reconnecting" while the reconnect waits, and clears it when data flows', async () => {
    // A long first back-off step keeps the engine visibly between sockets.
    harness = await startFaultHarness({ timing: { reconnect: { initialMs: 2_000, multiplier: 2, maxMs: 4_000, jitterRatio: 0 } } });
    const h = harness;
    await waitForFeed(h, 'live');
    h.sim.faults.drop('all');
    const problem = await waitForProblem(h, 'FEED_DROPPED');
    expect(problem).toEqual(problemOf('FEED_DROPPED', 'The live feed is reconnecting.'));
    const waiting = diagnostics(h).feed.connections[0]!;
    expect(waiting.state).toBe('reconnecting');
    expect(waiting.reconnectAttempts).toBe(1);
    const delay = waiting.nextRetryAtMs! - diagnostics(h).disconnects[0]!.atMs;
    expect(delay).toBeGreaterThanOrEqual(2_000);
    expect(delay).toBeLessThan(2_050);
    expect(state(h).phase).toBe('ready');

    await waitForFeed(h, 'live');
    await waitForNoProblem(h, 'FEED_DROPPED');
    // The first frame on the new socket resets the back-off.
    await waitFor(() => diagnostics(h).feed.connections[0]!.reconnectAttempts === 0, 5_000, 'the back-off to reset');
  });

  it('backs off 50, 100, 200 ms while the server keeps dropping it, then recovers when it stops', async () => {
    harness = await startFaultHarness();
    const h = harness;
    await waitForFeed(h, 'live');
    // No data: a frame would reset the back-off, and each new socket is dropped as soon as it opens.
    h.sim.faults.setSilent(true);
    let drops = 0;
    const dropper = setInterval(() => {
      if (drops < 3 && h.sim.market.stats().feed.openConnections > 0) drops += h.sim.faults.drop('all');
    }, 5);
    try {
      await waitFor(() => diagnostics(h).disconnects.length >= 3, 10_000, 'three drops');
    } finally {
      clearInterval(dropper);
    }
    h.sim.faults.setSilent(false);
    await waitForFeed(h, 'live');
    const records = diagnostics(h).disconnects;
    expect(records.map((r) => [r.errorCode, r.action])).toEqual([
      ['FEED_DROPPED', 'reconnect'],
      ['FEED_DROPPED', 'reconnect'],
      ['FEED_DROPPED', 'reconnect'],
    ]);
    // Each retry waited at least its back-off step: 50 ms, then 100 ms, then 200 ms.
    const opens = h.sim.market.stats().feed.connections.map((c) => c.openedAtMs).sort((a, b) => a - b);
    expect(opens).toHaveLength(4);
    const gaps = [records[2]!, records[1]!, records[0]!].map((r, i) => opens[i + 1]! - r.atMs);
    expect(gaps[0]).toBeGreaterThanOrEqual(50);
    expect(gaps[1]).toBeGreaterThanOrEqual(100);
    expect(gaps[2]).toBeGreaterThanOrEqual(200);
    expect(problemCodes(h)).toEqual([]);
  });
});

describe('a connection open but silent during market hours', () => {
  it('shows FEED_SILENT after the notice delay, replaces the socket after the stall delay, and goes live when data returns', async () => {
    harness = await startFaultHarness();
    const h = harness;
    await waitForFeed(h, 'live');
    h.sim.faults.setSilent(true);

    await waitForFeed(h, 'silent');
    expect(findProblem(h, 'FEED_SILENT')).toEqual(problemOf('FEED_SILENT'));
    expect(findProblem(h, 'FEED_SILENT')?.remedy).toBe(
      'No packet arrived for a while during market hours; the app reconnects by itself. If this repeats, check the network.',
    );

    const stalled = await waitForDisconnect(h, (r) => r.errorCode === 'FEED_SILENT');
    expect(outcomeOf(stalled)).toMatchObject({ code: null, errorCode: 'FEED_SILENT', action: 'reconnect' });
    expect(stalled.meaning).toMatch(/^No packet for (\d+) ms during market hours$/);
    expect(Number(/(\d+)/.exec(stalled.meaning)![1])).toBeGreaterThan(FAST_FEED_TIMING.silentAfterMs);

    h.sim.faults.setSilent(false);
    await waitForFeed(h, 'live');
    await waitForNoProblem(h, 'FEED_SILENT');
    expect(problemCodes(h)).toEqual([]);
    // The replaced socket was closed by the client, not by the server.
    const closed = h.sim.market.stats().feed.connections.filter((c) => c.closedAtMs !== null);
    expect(closed.length).toBeGreaterThanOrEqual(1);
    expect(closed.every((c) => c.closeReason === 'client-close-1006')).toBe(true);
  });

  it('does not replace a quiet socket outside market hours', async () => {
    // The engine believes the market is closed; the simulator keeps the socket open but sends nothing.
    harness = await startFaultHarness({ overrides: { marketHours: 'ist', clock: sundayClock() } });
    const h = harness;
    await waitForFeed(h, 'market-closed');
    h.sim.faults.setSilent(true);
    await pause(FAST_FEED_TIMING.silentAfterMs * 2);
    const d = diagnostics(h);
    expect(d.feed.state).toBe('market-closed');
    expect(d.disconnects).toEqual([]);
    expect(problemCodes(h)).toEqual(['MARKET_CLOSED']);
    expect(h.sim.market.stats().feed.connections.map((c) => c.closeReason)).toEqual([null]);
  });
});

describe('keep-alive pings', () => {
  it('reports FEED_PING_TIMEOUT and reconnects when the server stops pinging and sending', async () => {
    // The server pings every 200 ms; silence detection is pushed out so the ping watchdog acts first.
    harness = await startFaultHarness({
      sim: { feedLimits: { pingIntervalMs: 200, pongTimeoutMs: 5_000 } },
      timing: { pingTimeoutMs: 1_000, silentAfterMs: 60_000, silentNoticeMs: 60_000 },
    });
    const h = harness;
    await waitForFeed(h, 'live');
    await pause(500); // at least one server ping has arrived
    h.sim.faults.setServerPings(false);
    h.sim.faults.setSilent(true);

    const record = await waitForDisconnect(h, (r) => r.errorCode === 'FEED_PING_TIMEOUT');
    expect(outcomeOf(record)).toMatchObject({ code: null, errorCode: 'FEED_PING_TIMEOUT', action: 'reconnect' });
    expect(record.meaning).toMatch(/^Nothing received, not even a ping, for \d+ ms$/);

    h.sim.faults.reset();
    await waitForFeed(h, 'live');
    expect(problemCodes(h)).toEqual([]);
  });

  it('keeps a socket whose server answers no pings, because the server still pings and sends', async () => {
    harness = await startFaultHarness({ sim: { feedLimits: { pingIntervalMs: 200, pongTimeoutMs: 1_000 } } });
    const h = harness;
    await waitForFeed(h, 'live');
    h.sim.faults.setAnswerPings(false);
    await pause(FAST_FEED_TIMING.pingTimeoutMs * 2);
    expect(diagnostics(h).disconnects).toEqual([]);
    expect(diagnostics(h).feed.state).toBe('live');
    expect(h.sim.market.stats().feed.totals.pongTimeouts).toBe(0);
  });

  it('answers the server pings itself: a server checking pongs every 200 ms never drops it', async () => {
    harness = await startFaultHarness({ sim: { feedLimits: { pingIntervalMs: 200, pongTimeoutMs: 600 } } });
    const h = harness;
    await waitForFeed(h, 'live');
    await pause(2_000);
    expect(h.sim.market.stats().feed.totals.pongTimeouts).toBe(0);
    expect(diagnostics(h).disconnects).toEqual([]);
  });
});

describe('handshakes refused by DhanHQ', () => {
  it('cools off after HTTP 429, names FEED_HANDSHAKE_RATE_LIMITED while waiting, then reconnects by itself', async () => {
    harness = await startFaultHarness();
    const h = harness;
    await waitForFeed(h, 'live');
    h.sim.faults.rejectHandshakes(429, 1);
    h.sim.faults.drop('all');

    const refused = await waitForDisconnect(h, (r) => r.code === 429);
    expect(outcomeOf(refused)).toEqual({
      code: 429,
      errorCode: 'FEED_HANDSHAKE_RATE_LIMITED',
      meaning: 'Handshake refused with HTTP 429: too many connection attempts',
      action: 'back-off',
    });
    // The cool-off (not the 50 ms reconnect step) decides the next attempt.
    const waiting = diagnostics(h).feed.connections[0]!;
    expect(waiting.state).toBe('reconnecting');
    // Second failure in a row (drop, then 429): the cool-off's second step. Two clock reads in one call.
    expect(waiting.nextRetryAtMs! - refused.atMs).toBeGreaterThanOrEqual(FAST_FEED_TIMING.coolOff.initialMs * 2);
    expect(waiting.nextRetryAtMs! - refused.atMs).toBeLessThan(FAST_FEED_TIMING.coolOff.initialMs * 2 + 50);
    expect(findProblem(h, 'FEED_HANDSHAKE_RATE_LIMITED')).toEqual(
      problemOf('FEED_HANDSHAKE_RATE_LIMITED', 'Handshake refused with HTTP 429: too many connection attempts'),
    );

    await waitForFeed(h, 'live');
    expect(h.sim.market.stats().feed.totals.handshakesRejected).toBe(1);
    expect(problemCodes(h)).toEqual([]);
  });

  it('stops after HTTP 401, asks for new credentials, and resumes every subscription once they are saved', async () => {
    harness = await startFaultHarness();
    const h = harness;
    const live = await waitForFeed(h, 'live');
    h.sim.faults.rejectHandshakes(401);
    h.sim.faults.drop('all');

    const refused = await waitForDisconnect(h, (r) => r.code === 401);
    expect(outcomeOf(refused)).toEqual({
      code: 401,
      errorCode: 'FEED_HANDSHAKE_UNAUTHORIZED',
      meaning: 'Handshake refused with HTTP 401: the token or client id was rejected',
      action: 'await-token',
    });
    await waitForFeed(h, 'awaiting-token');
    expect(state(h).credentials.status).toBe('invalid');
    expect(state(h).problems.slice(0, 2)).toEqual([
      problemOf('CRED_INVALID', 'DhanHQ refused the feed: Handshake refused with HTTP 401: the token or client id was rejected.', state(h).credentials.checkedAtMs!),
      problemOf('FEED_HANDSHAKE_UNAUTHORIZED', 'Handshake refused with HTTP 401: the token or client id was rejected (401)'),
    ]);
    // It waits for the user: no further handshake is attempted.
    await pause(1_000);
    expect(h.sim.market.stats().feed.totals.handshakesRejected).toBe(1);

    h.sim.faults.reset();
    const fresh = h.sim.faults.renewToken();
    const saved = await h.session.invoke('saveCredentials', { clientId: h.sim.clientId, accessToken: fresh });
    expect(saved.ok && (saved.value as { status: string }).status).toBe('ok');
    const resumed = await waitForFeed(h, 'live');
    expect(resumed.subscriptions.subscribed).toBe(live.subscriptions.planned);
    expect(problemCodes(h)).toEqual([]);
  });
});

/** A moving clock set to a Sunday afternoon IST (the market is closed all day). */
function sundayClock(): { nowMs(): number } {
  const sunday = Date.UTC(2026, 0, 4, 8, 0, 0); // Sunday 4 January 2026, 13:30 IST
  const offset = sunday - Date.now();
  return { nowMs: () => Date.now() + offset };
}
