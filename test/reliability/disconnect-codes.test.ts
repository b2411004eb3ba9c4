/**
 * DhanHQ's feed disconnect packet (code 50) with each documented reason, 805–810
 * (dhanhq-v2.md §6.8), sent by the simulator over a real socket. Each has its own handling:
 * 805 backs off and comes back by itself; 806 stops and asks for the Data-API plan, then
 * Reconnect; 807 waits for a new token; 808–810 stop and ask for the credentials again.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { DisconnectRecord } from '../../src/shared/api/view-types';
import { problemOf } from '../../src/shared/errors/app-error';
import type { ErrorCode } from '../../src/shared/errors/error-catalog';
import { waitFor, type Harness } from '../fixtures/engine-harness';
import {
  diagnostics,
  FAST_FEED_TIMING,
  findProblem,
  outcomeOf,
  pause,
  problemCodes,
  settle,
  startFaultHarness,
  state,
  waitForDisconnect,
  waitForFeed,
} from '../fixtures/reliability-kit';

let harness: Harness | null = null;
afterEach(async () => {
  await harness?.close();
  harness = null;
});

async function disconnectWith(code: number): Promise<{ h: Harness; planned: number; record: DisconnectRecord }> {
  harness = await startFaultHarness();
  const h = harness;
  const live = await waitForFeed(h, 'live');
  expect(h.sim.faults.disconnect(code)).toBe(1);
  const record = await waitForDisconnect(h, (r) => r.code === code, 10_000, `disconnect ${code}`);
  return { h, planned: live.subscriptions.planned, record };
}

describe('805 too many connections', () => {
  it('backs off for the cool-off, names FEED_TOO_MANY_CONNECTIONS while waiting, then reconnects by itself', async () => {
    const { h, planned, record } = await disconnectWith(805);
    expect(outcomeOf(record)).toEqual({
      code: 805,
      errorCode: 'FEED_TOO_MANY_CONNECTIONS',
      meaning: 'Too many requests or connections',
      action: 'back-off',
    });
    const waiting = diagnostics(h).feed.connections[0]!;
    expect(waiting.state).toBe('reconnecting');
    // The record and the retry time are stamped by two clock reads in one call.
    expect(waiting.nextRetryAtMs! - record.atMs).toBeGreaterThanOrEqual(FAST_FEED_TIMING.coolOff.initialMs);
    expect(waiting.nextRetryAtMs! - record.atMs).toBeLessThan(FAST_FEED_TIMING.coolOff.initialMs + 50);
    expect(diagnostics(h).feed.lastDisconnectCode).toBe(805);
    // The credentials are fine: only the feed waits.
    expect(state(h).credentials.status).toBe('ok');
    expect(findProblem(h, 'FEED_TOO_MANY_CONNECTIONS')).toEqual(problemOf('FEED_TOO_MANY_CONNECTIONS', 'Too many requests or connections'));
    expect(findProblem(h, 'FEED_TOO_MANY_CONNECTIONS')?.remedy).toBe(
      "Another app or device is using the same account's five feed connections. Close it; this app waits before reconnecting.",
    );

    const resumed = await waitForFeed(h, 'live');
    expect(resumed.subscriptions.subscribed).toBe(planned);
    expect(problemCodes(h)).toEqual([]);
    expect(h.sim.market.stats().feed.connections.map((c) => c.closeReason)).toEqual([null, 'disconnect-805']);
  });

  it('does not reconnect before the cool-off has passed', async () => {
    const { h, record } = await disconnectWith(805);
    await pause(FAST_FEED_TIMING.coolOff.initialMs / 2);
    expect(h.sim.market.stats().feed.totals.handshakesAccepted).toBe(1);
    const reopened = await waitFor(() => h.sim.market.stats().feed.connections.find((c) => c.closedAtMs === null), 10_000, 'a new connection');
    expect(reopened.openedAtMs - record.atMs).toBeGreaterThanOrEqual(FAST_FEED_TIMING.coolOff.initialMs);
  });

  it('is what DhanHQ sends the oldest socket when one connection too many opens, and the engine names it', async () => {
    // The simulated account allows 4 connections; the engine needs 5 for 21 182 instruments.
    harness = await startFaultHarness({ underlyings: '', sim: { feedLimits: { connections: 4 } } });
    const h = harness;
    const record = await waitForDisconnect(h, (r) => r.code === 805, 15_000, 'the 805 kick');
    expect(outcomeOf(record)).toMatchObject({ errorCode: 'FEED_TOO_MANY_CONNECTIONS', action: 'back-off' });
    expect(h.sim.market.stats().feed.totals.kicked).toBeGreaterThanOrEqual(1);
    expect(findProblem(h, 'FEED_TOO_MANY_CONNECTIONS')?.code).toBe('FEED_TOO_MANY_CONNECTIONS');
  });
});

/** The feed-stopping codes: what the record, the credential status and the problem list say. */
const STOPPING: readonly {
  code: number;
  errorCode: ErrorCode;
  meaning: string;
  action: 'stop' | 'await-token';
  credentialStatus: 'no-data-plan' | 'expired' | 'invalid';
  credentialProblem: ErrorCode;
  credentialMessage: string;
}[] = [
  {
    code: 806,
    errorCode: 'FEED_NO_DATA_PLAN',
    meaning: 'Data APIs not subscribed',
    action: 'stop',
    credentialStatus: 'no-data-plan',
    credentialProblem: 'CRED_NO_DATA_PLAN',
    credentialMessage: 'DhanHQ closed the feed: Data APIs not subscribed (806).',
  },
  {
    code: 807,
    errorCode: 'FEED_AUTH_EXPIRED',
    meaning: 'Access token is expired',
    action: 'await-token',
    credentialStatus: 'expired',
    credentialProblem: 'CRED_EXPIRED',
    credentialMessage: 'DhanHQ closed the feed: the access token expired (807).',
  },
  {
    code: 808,
    errorCode: 'FEED_AUTH_FAILED',
    meaning: 'Authentication failed: client id or access token invalid',
    action: 'stop',
    credentialStatus: 'invalid',
    credentialProblem: 'CRED_INVALID',
    credentialMessage: 'DhanHQ refused the feed: Authentication failed: client id or access token invalid.',
  },
  {
    code: 809,
    errorCode: 'FEED_TOKEN_INVALID',
    meaning: 'Access token is invalid',
    action: 'stop',
    credentialStatus: 'invalid',
    credentialProblem: 'CRED_INVALID',
    credentialMessage: 'DhanHQ refused the feed: Access token is invalid.',
  },
  {
    code: 810,
    errorCode: 'FEED_CLIENT_ID_INVALID',
    meaning: 'Client id is invalid',
    action: 'stop',
    credentialStatus: 'invalid',
    credentialProblem: 'CRED_INVALID',
    credentialMessage: 'DhanHQ refused the feed: Client id is invalid.',
  },
];

describe.each(STOPPING)('$code $errorCode', (c) => {
  it(`stops the feed (${c.action}), explains it with the credential status first, and opens no new socket`, async () => {
    const { h, record } = await disconnectWith(c.code);
    expect(outcomeOf(record)).toEqual({ code: c.code, errorCode: c.errorCode, meaning: c.meaning, action: c.action });
    await waitForFeed(h, c.action === 'await-token' ? 'awaiting-token' : 'stopped');
    const s = state(h);
    expect(s.credentials.status).toBe(c.credentialStatus);
    expect(s.credentials.message).toBe(c.credentialMessage);
    expect(s.phase).toBe('degraded');
    expect(s.problems.slice(0, 2)).toEqual([
      problemOf(c.credentialProblem, c.credentialMessage, s.credentials.checkedAtMs!),
      problemOf(c.errorCode, `${c.meaning} (${c.code})`),
    ]);
    await pause(1_000);
    const feed = h.sim.market.stats().feed;
    expect(feed.totals.handshakesAccepted).toBe(1);
    expect(feed.openConnections).toBe(0);
    expect(diagnostics(h).disconnects).toHaveLength(1);
  });
});

describe('recovery without a restart', () => {
  it('806: Reconnect after the plan is activated brings the feed back and clears every problem', async () => {
    const { h, planned } = await disconnectWith(806);
    await waitForFeed(h, 'stopped');
    const result = await h.session.invoke('reconnectFeed', undefined);
    expect(result).toEqual({ ok: true, value: null });
    const resumed = await waitForFeed(h, 'live');
    expect(resumed.subscriptions.subscribed).toBe(planned);
    // The plan works again, so nothing may still say it is missing.
    await settle(() => problemCodes(h).length === 0);
    expect(problemCodes(h)).toEqual([]);
    expect(state(h).credentials.status).toBe('ok');
  });

  it('807: a new token entered by the user resumes every subscription', async () => {
    const { h, planned } = await disconnectWith(807);
    await waitForFeed(h, 'awaiting-token');
    const fresh = h.sim.faults.renewToken();
    const saved = await h.session.invoke('saveCredentials', { clientId: h.sim.clientId, accessToken: fresh });
    expect(saved.ok).toBe(true);
    const resumed = await waitForFeed(h, 'live');
    expect(resumed.subscriptions.subscribed).toBe(planned);
    expect(problemCodes(h)).toEqual([]);
  });

  it.each([808, 809, 810])('%i: entering the credentials again resumes every subscription', async (code) => {
    const { h, planned } = await disconnectWith(code);
    await waitForFeed(h, 'stopped');
    const saved = await h.session.invoke('saveCredentials', { clientId: h.sim.clientId, accessToken: h.sim.accessToken });
    expect(saved.ok && (saved.value as { status: string }).status).toBe('ok');
    const resumed = await waitForFeed(h, 'live');
    expect(resumed.subscriptions.subscribed).toBe(planned);
    expect(problemCodes(h)).toEqual([]);
  });

  it('an unlisted reason (800) reconnects with the plain back-off as FEED_DISCONNECTED', async () => {
    const { h, planned, record } = await disconnectWith(800);
    expect(outcomeOf(record)).toEqual({ code: 800, errorCode: 'FEED_DISCONNECTED', meaning: 'Internal server error', action: 'reconnect' });
    const resumed = await waitForFeed(h, 'live');
    expect(resumed.subscriptions.subscribed).toBe(planned);
    expect(problemCodes(h)).toEqual([]);
  });
});
