/**
 * The access token dying mid-session, seen from the REST side and in the problem list pushed to
 * the UI (the feed side — 807 and resume — is in test/main/engine/engine-integration.test.ts and
 * disconnect-codes.test.ts). Tokens here are simulator JWTs whose `exp` is seconds away, so the
 * expiry is the real one: the simulator closes the feed with 807 and REST answers 807 / DH-901
 * at the token's own expiry time.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { AppState, ChainSelection, ProgressStep } from '../../src/shared/api/view-types';
import { problemOf } from '../../src/shared/errors/app-error';
import { DEMO_CLIENT_ID, makeDemoToken } from '../../src/sim';
import { waitFor, type Harness } from '../fixtures/engine-harness';
import { diagnostics, problemCodes, settle, startFaultHarness, state, waitForFeed } from '../fixtures/reliability-kit';

let harness: Harness | null = null;
afterEach(async () => {
  await harness?.close();
  harness = null;
});

function selection(h: Harness): ChainSelection {
  return { ...state(h).defaultSelection!, strikeWindow: 0 };
}

function snapshotStep(h: Harness): ProgressStep {
  return state(h).progress.find((p) => p.id === 'snapshot')!;
}

/** The last app state pushed to the connected UI (what the renderer shows). */
function pushedState(h: Harness): AppState | undefined {
  return h.last('appState');
}

async function openChain(h: Harness): Promise<ProgressStep> {
  const opened = await h.session.invoke('selectChain', selection(h));
  expect(opened.ok).toBe(true);
  return waitFor(() => {
    const step = snapshotStep(h);
    return step.state === 'done' || step.state === 'failed' ? step : undefined;
  }, 12_000, 'the REST snapshot');
}

describe('a token reaching its expiry time mid-session', () => {
  it('warns before, explains CRED_EXPIRED first, keeps the dead token away from REST, and resumes everything with a new token', async () => {
    const token = makeDemoToken(DEMO_CLIENT_ID, Date.now(), 0, 5_000);
    const expiresAtMs = Math.floor(Date.now() / 1000) * 1000 + 5_000;
    harness = await startFaultHarness({ sim: { accessToken: token } });
    const h = harness;
    const live = await waitForFeed(h, 'live');
    expect(state(h).credentials).toMatchObject({ status: 'ok', tokenExpiresAtMs: expiresAtMs });
    expect(problemCodes(h)).toEqual(['CRED_EXPIRING_SOON']);

    // The simulator closes the feed with 807 at the token's expiry.
    await waitFor(() => state(h).credentials.status === 'expired', 10_000, 'the 807 at expiry');
    expect(problemCodes(h).slice(0, 2)).toEqual(['CRED_EXPIRED', 'FEED_AUTH_EXPIRED']);

    const message = 'DhanHQ closed the feed: the access token expired (807).';
    const s = state(h);
    expect(s.problems[0]).toEqual(problemOf('CRED_EXPIRED', message, s.credentials.checkedAtMs!));
    expect(s.problems[0]!.remedy).toBe(
      'Tokens live at most 24 hours. Generate a new one on web.dhan.co and enter it in Credentials; subscriptions resume by themselves.',
    );
    // The UI was told the same thing.
    await waitFor(() => pushedState(h)?.problems[0]?.message === message, 3_000, 'the pushed app state');
    expect(pushedState(h)!.problems.map((p) => p.code)).toEqual(problemCodes(h));

    // Opening a chain now does not send the dead token to REST: the snapshot waits for a new one.
    const calls = diagnostics(h).rest.length;
    const opened = await h.session.invoke('selectChain', selection(h));
    expect(opened.ok).toBe(true);
    expect(snapshotStep(h).state).toBe('pending');
    expect(diagnostics(h).rest).toHaveLength(calls);
    expect(h.sim.market.stats().rest.rejected).toBe(0);

    const fresh = h.sim.faults.renewToken();
    const saved = await h.session.invoke('saveCredentials', { clientId: h.sim.clientId, accessToken: fresh });
    expect(saved.ok && (saved.value as { status: string }).status).toBe('ok');
    const resumed = await waitForFeed(h, 'live');
    expect(resumed.subscriptions.subscribed).toBe(live.subscriptions.planned);
    expect((await openChain(h)).state).toBe('done');
    expect(problemCodes(h)).toEqual([]);
    await waitFor(() => pushedState(h)?.problems.length === 0, 3_000, 'the pushed app state to clear');
  }, 40_000);
});

describe('a token replaced elsewhere (renewed on web.dhan.co)', () => {
  it('is explained as expired when REST answers 807, not as a bad token', async () => {
    harness = await startFaultHarness();
    const h = harness;
    await waitForFeed(h, 'live');
    h.sim.faults.renewToken(); // the engine's token now answers as expired
    const step = await openChain(h);
    expect(step.state).toBe('failed');
    expect(diagnostics(h).rest.at(-2)).toMatchObject({ endpoint: '/v2/optionchain', status: 401, errorCode: 'REST_AUTH_EXPIRED' });
    await settle(() => state(h).credentials.status !== 'ok');
    expect(state(h).credentials.status).toBe('expired');
    expect(problemCodes(h)[0]).toBe('CRED_EXPIRED');
  });
});

describe('a token already expired at startup', () => {
  it('is reported without a network call, opens no feed, and starts it once a new token is saved', async () => {
    const token = makeDemoToken(DEMO_CLIENT_ID, Date.now() - 48 * 3_600_000, 0);
    harness = await startFaultHarness({ sim: { accessToken: token } });
    const h = harness;
    const s = state(h);
    expect(s.credentials.status).toBe('expired');
    expect(s.problems[0]?.code).toBe('CRED_EXPIRED');
    expect(s.progress.find((p) => p.id === 'feed')).toMatchObject({ state: 'skipped', detail: 'Waiting for working credentials (expired).' });
    expect(diagnostics(h).rest).toEqual([]);
    expect(h.sim.market.stats().feed.connections).toEqual([]);
    expect(s.phase).toBe('degraded');

    const fresh = h.sim.faults.renewToken();
    const saved = await h.session.invoke('saveCredentials', { clientId: h.sim.clientId, accessToken: fresh });
    expect(saved.ok).toBe(true);
    await waitForFeed(h, 'live');
    expect(problemCodes(h)).toEqual([]);
  });
});
