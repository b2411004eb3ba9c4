/**
 * DhanHQ REST misbehaving while a chain is opened (the REST option-chain snapshot): DH-901,
 * 806 in both envelopes (and with HTTP 200), DH-904, HTTP 500, an HTML error page, a request
 * that never answers, and the 3-second option-chain rule under repeated requests. The
 * simulator answers over real HTTP; the assertions are what the user sees: the credential
 * status and problem list, the snapshot step, and the REST call log in Diagnostics.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiResult } from '../../src/shared/api/api-contract';
import type { ChainSelection, ProgressStep, RestLogEntry } from '../../src/shared/api/view-types';
import { problemOf } from '../../src/shared/errors/app-error';
import type { RestFault } from '../../src/sim';
import { waitFor, type Harness } from '../fixtures/engine-harness';
import { diagnostics, findProblem, problemCodes, settle, startFaultHarness, state, waitForFeed } from '../fixtures/reliability-kit';

let harness: Harness | null = null;
afterEach(async () => {
  await harness?.close();
  harness = null;
});

function selection(h: Harness): ChainSelection {
  const s = state(h).defaultSelection;
  if (!s) throw new Error('no default selection');
  return { ...s, strikeWindow: 0 };
}

function snapshotStep(h: Harness): ProgressStep {
  return state(h).progress.find((p) => p.id === 'snapshot')!;
}

/** Opens the default chain and waits for its REST snapshot to finish either way. */
async function openChainAndSettle(h: Harness, timeoutMs = 10_000): Promise<ProgressStep> {
  const opened: ApiResult<unknown> = await h.session.invoke('selectChain', selection(h));
  expect(opened.ok).toBe(true);
  return waitFor(
    () => {
      const step = snapshotStep(h);
      return step.state === 'done' || step.state === 'failed' ? step : undefined;
    },
    timeoutMs,
    'the REST snapshot to finish',
  );
}

/** REST calls after startup's profile check, oldest first, without times. */
function restCalls(h: Harness): [string, string, number | null, string | null][] {
  const entries = [...diagnostics(h).rest].reverse();
  return entries.slice(1).map((e: RestLogEntry) => [e.method, e.endpoint, e.status, e.errorCode]);
}

async function startWith(fault: RestFault | null): Promise<Harness> {
  harness = await startFaultHarness({ sim: { ticksPerSecond: 100 } });
  await waitForFeed(harness, 'live');
  expect(restCalls(harness)).toEqual([]);
  harness.sim.faults.setRestFault(fault);
  return harness;
}

describe('401 DH-901: the token is no longer accepted', () => {
  it('fails the snapshot, re-checks the credentials, shows CRED_INVALID, and recovers when they are entered again', async () => {
    const h = await startWith({ kind: 'auth-invalid' });
    const step = await openChainAndSettle(h);
    expect(step.state).toBe('failed');
    expect(step.detail).toBe('DhanHQ answered DH-901 "Client ID or user generated access token is invalid or expired." (HTTP 401) on /v2/profile');
    await waitFor(() => state(h).credentials.status === 'invalid', 5_000, 'the credential re-check');
    expect(restCalls(h)).toEqual([
      ['POST', '/v2/optionchain', 401, 'REST_AUTH_INVALID'],
      // A 401 on the option chain is checked against the profile: DhanHQ also rate-limits with 401.
      ['GET', '/v2/profile', 401, 'REST_AUTH_INVALID'],
      // The credential re-check: the profile, then a data endpoint to tell expired (807) from invalid.
      ['GET', '/v2/profile', 401, 'REST_AUTH_INVALID'],
      ['POST', '/v2/optionchain/expirylist', 401, 'REST_AUTH_INVALID'],
    ]);
    const s = state(h);
    expect(s.problems[0]).toEqual(problemOf('CRED_INVALID', 'DhanHQ rejected the credentials (DH-901).', s.credentials.checkedAtMs!));
    expect(s.credentials.remedy).toBe('Generate a new access token on web.dhan.co, check that it belongs to this client id, and enter both again.');

    h.sim.faults.setRestFault(null);
    const saved = await h.session.invoke('saveCredentials', { clientId: h.sim.clientId, accessToken: h.sim.accessToken });
    expect(saved.ok).toBe(true);
    expect(state(h).credentials.status).toBe('ok');
    // The next snapshot of the same chain waits out the 3-second rule, then succeeds.
    expect((await openChainAndSettle(h, 10_000)).state).toBe('done');
    expect(problemCodes(h)).toEqual([]);
  });
});

describe('806: no Data-API plan, in either envelope', () => {
  const cases: { name: string; fault: RestFault; detail: string }[] = [
    {
      name: 'data envelope, HTTP 401',
      fault: { kind: 'no-data-plan', envelope: 'data', httpStatus: 401, endpoint: 'optionchain' },
      detail: 'DhanHQ answered 806 "Data APIs not Subscribed" (HTTP 401) on /v2/optionchain',
    },
    {
      name: 'data envelope, HTTP 200',
      fault: { kind: 'no-data-plan', envelope: 'data', httpStatus: 200, endpoint: 'optionchain' },
      detail: 'DhanHQ answered 806 "Data APIs not Subscribed" (HTTP 200) on /v2/optionchain',
    },
    {
      name: 'trading envelope DH-902, HTTP 403',
      fault: { kind: 'no-data-plan', envelope: 'trading', endpoint: 'optionchain' },
      detail: 'DhanHQ answered DH-902 "User has not subscribed to Data APIs or does not have access to Trading APIs." (HTTP 403) on /v2/optionchain',
    },
  ];
  it.each(cases)('$name: is shown as CRED_NO_DATA_PLAN, never as an invalid token', async ({ fault, detail }) => {
    const h = await startWith(fault);
    const step = await openChainAndSettle(h);
    expect(step).toMatchObject({ state: 'failed', detail });
    await waitFor(() => state(h).credentials.status !== 'ok', 5_000, 'the credential re-check');
    const s = state(h);
    expect(s.credentials.status).toBe('no-data-plan');
    expect(s.credentials.dataPlan).toBe('Deactive');
    expect(s.problems[0]?.code).toBe('CRED_NO_DATA_PLAN');
    expect(s.problems[0]?.message).toMatch(/^The token is valid, but the Data API plan is "Deactive" \(data validity: \d{4}-\d{2}-\d{2} 23:59:59\.0\)\.$/);
    expect(s.problems[0]?.remedy).toBe(
      'The token is valid, but live data needs the Data API subscription: activate it on web.dhan.co (DhanHQ → Data APIs), then reconnect.',
    );
    expect(problemCodes(h)).not.toContain('CRED_INVALID');
    expect(restCalls(h)[0]?.[3]).toBe('REST_NO_DATA_PLAN');
  });

  it('clears CRED_NO_DATA_PLAN when the user presses Reconnect after activating the plan', async () => {
    const h = await startWith({ kind: 'no-data-plan', endpoint: 'optionchain' });
    await openChainAndSettle(h);
    await waitFor(() => state(h).credentials.status === 'no-data-plan', 5_000, 'the credential re-check');
    h.sim.faults.setRestFault(null);
    expect(await h.session.invoke('reconnectFeed', undefined)).toEqual({ ok: true, value: null });
    await settle(() => state(h).credentials.status === 'ok');
    expect(state(h).credentials.status).toBe('ok');
    expect(problemCodes(h)).toEqual([]);
  });
});

describe('transient DhanHQ failures on the option chain', () => {
  it('429 DH-904 once: retried after the 3-second spacing, the snapshot lands, nothing is left on screen', async () => {
    const h = await startWith({ kind: 'rate-limited', endpoint: 'optionchain', times: 1 });
    const step = await openChainAndSettle(h, 15_000);
    expect(step.state).toBe('done');
    // How many contracts take REST values depends on how many ticked on the feed meanwhile (newer wins).
    expect(step.detail).toMatch(new RegExp(`^FINNIFTY ${selection(h).expiry}: \\d+ contracts from the REST snapshot$`));
    expect(restCalls(h)).toEqual([
      ['POST', '/v2/optionchain', 429, 'REST_RATE_LIMITED'],
      ['POST', '/v2/optionchain', 200, null],
    ]);
    const [retry, first] = diagnostics(h).rest;
    expect(retry!.atMs - first!.atMs).toBeGreaterThanOrEqual(3_000);
    expect(h.sim.market.stats().rest.rateLimited).toBe(0);
    expect(problemCodes(h)).toEqual([]);
  });

  it('HTTP 500 once: retried, and the snapshot lands', async () => {
    const h = await startWith({ kind: 'server-error', endpoint: 'optionchain', times: 1 });
    const step = await openChainAndSettle(h, 15_000);
    expect(step.state).toBe('done');
    expect(restCalls(h)).toEqual([
      ['POST', '/v2/optionchain', 500, 'REST_SERVER_ERROR'],
      ['POST', '/v2/optionchain', 200, null],
    ]);
    expect(problemCodes(h)).toEqual([]);
  });

  it('HTTP 500 every time: gives up after three attempts and says why; the feed keeps the chain live', async () => {
    const h = await startWith({ kind: 'server-error', endpoint: 'optionchain' });
    const step = await openChainAndSettle(h, 15_000);
    expect(step).toMatchObject({
      state: 'failed',
      detail: 'DhanHQ answered HTTP 500 (INTERNAL_SERVER_ERROR, RS-9005) on /v2/optionchain',
    });
    expect(restCalls(h)).toEqual([
      ['POST', '/v2/optionchain', 500, 'REST_SERVER_ERROR'],
      ['POST', '/v2/optionchain', 500, 'REST_SERVER_ERROR'],
      ['POST', '/v2/optionchain', 500, 'REST_SERVER_ERROR'],
    ]);
    expect(state(h).credentials.status).toBe('ok');
    expect(diagnostics(h).feed.state).toBe('live');
  }, 30_000);
});

describe('an HTML error page instead of JSON', () => {
  it('fails the snapshot with REST_NOT_JSON and re-checks the credentials, which are then shown as rejected', async () => {
    const h = await startWith({ kind: 'html' });
    const step = await openChainAndSettle(h);
    expect(step).toMatchObject({ state: 'failed', detail: 'DhanHQ answered HTTP 401 with a body that is not JSON on /v2/profile' });
    expect(restCalls(h).slice(0, 2)).toEqual([
      ['POST', '/v2/optionchain', 401, 'REST_NOT_JSON'],
      ['GET', '/v2/profile', 401, 'REST_NOT_JSON'],
    ]);
    // The token is the usual cause of a 401 page (dhanhq-v2.md §1.3): the user must be told.
    await settle(() => state(h).credentials.status !== 'ok');
    expect(state(h).credentials).toMatchObject({ status: 'invalid', message: 'DhanHQ answered HTTP 401 with a page instead of data.' });
    expect(findProblem(h, 'CRED_INVALID')?.message).toBe('DhanHQ answered HTTP 401 with a page instead of data.');
  });
});

describe('a request that never answers', () => {
  it('times out after 10 s with REST_TIMEOUT, retries, and the snapshot lands; the feed is never held up', async () => {
    const h = await startWith({ kind: 'hang', endpoint: 'optionchain', times: 1 });
    const opened = await h.session.invoke('selectChain', selection(h));
    expect(opened.ok).toBe(true);
    await waitFor(() => snapshotStep(h).state === 'running', 2_000, 'the snapshot to start');
    const packetsBefore = diagnostics(h).feed.packetsTotal;
    await waitFor(() => diagnostics(h).feed.packetsTotal > packetsBefore + 100, 5_000, 'ticks during the hang');
    expect(snapshotStep(h).state).toBe('running');

    const step = await waitFor(() => (snapshotStep(h).state === 'done' ? snapshotStep(h) : undefined), 20_000, 'the snapshot after the retry');
    expect(step.state).toBe('done');
    const [retry, hung] = diagnostics(h).rest;
    expect(hung).toMatchObject({ method: 'POST', endpoint: '/v2/optionchain', status: null, errorCode: 'REST_TIMEOUT' });
    expect(hung!.latencyMs).toBeGreaterThanOrEqual(10_000);
    expect(retry).toMatchObject({ endpoint: '/v2/optionchain', status: 200, errorCode: null });
    expect(problemCodes(h)).toEqual([]);
  }, 40_000);
});

describe('the option-chain 3-second rule under pressure', () => {
  it('spaces repeated requests for one chain at least 3 s apart, so DhanHQ never rate-limits them', async () => {
    const h = await startWith(null);
    const second = h.runtime.backend.connect({ id: 'second-window', emit: () => undefined });
    try {
      const chain = selection(h);
      const results = await Promise.all([
        h.session.invoke('selectChain', chain),
        second.invoke('selectChain', chain),
        h.session.invoke('selectChain', chain),
      ]);
      expect(results.map((r) => r.ok)).toEqual([true, true, true]);
      await waitFor(() => diagnostics(h).rest.filter((e) => e.endpoint === '/v2/optionchain').length === 3, 15_000, 'three snapshots');
      await waitFor(() => snapshotStep(h).state === 'done', 5_000, 'the last snapshot');
    } finally {
      second.close();
    }
    const calls = diagnostics(h).rest.filter((e) => e.endpoint === '/v2/optionchain').reverse();
    expect(calls.map((c) => [c.status, c.errorCode])).toEqual([
      [200, null],
      [200, null],
      [200, null],
    ]);
    expect(calls[1]!.atMs - calls[0]!.atMs).toBeGreaterThanOrEqual(3_000);
    expect(calls[2]!.atMs - calls[1]!.atMs).toBeGreaterThanOrEqual(3_000);
    expect(h.sim.market.stats().rest.rateLimited).toBe(0);
  }, 30_000);

  it('does not hold back requests for different expiries', async () => {
    const h = await startWith(null);
    const expiries = state(h).skeleton!.underlyings.find((u) => u.symbol === 'FINNIFTY')!.expiries.map((e) => e.expiry);
    expect(expiries).toHaveLength(3);
    const views = expiries.map((expiry, i) => h.runtime.backend.connect({ id: `window-${i}`, emit: () => undefined }));
    try {
      await Promise.all(views.map((v, i) => v.invoke('selectChain', { underlying: 'FINNIFTY', expiry: expiries[i]!, strikeWindow: 0 })));
      await waitFor(() => diagnostics(h).rest.filter((e) => e.endpoint === '/v2/optionchain').length === 3, 10_000, 'three snapshots');
    } finally {
      for (const v of views) v.close();
    }
    const starts = diagnostics(h).rest.filter((e) => e.endpoint === '/v2/optionchain').map((e) => e.atMs);
    expect(Math.max(...starts) - Math.min(...starts)).toBeLessThan(3_000);
    expect(h.sim.market.stats().rest.rateLimited).toBe(0);
  });
});
