import { afterEach, describe, expect, it } from 'vitest';
import { DhanRestClient, type DhanRestClientOptions } from '../../../src/main/dhan/rest-client';
import { createMemoryLogger } from '../../../src/main/logging/logger';
import type { Redactor } from '../../../src/main/logging/redactor';
import type { RestLogEntry } from '../../../src/shared/api/view-types';
import { AppError, isAppError } from '../../../src/shared/errors/app-error';
import { LoopbackHttpServer, type Handler } from '../../fixtures/dhan/loopback-http-server';
import { OPTION_CHAIN_BODY } from '../../fixtures/dhan/option-chain-sample';
import { VirtualTime } from '../../fixtures/dhan/virtual-time';

const TOKEN = 'eyJhbGciOiJIUzUxMiJ9.rest-secret-token.signature';
const CLIENT_ID = '1100123456';
const START_MS = Date.UTC(2026, 0, 7, 4, 30);
const passThrough = { redact: (text: string) => text } as unknown as Redactor;
const PROFILE = {
  dhanClientId: CLIENT_ID,
  tokenValidity: '08/01/2026 09:00',
  dataPlan: 'Active',
  dataValidity: '2026-02-01',
};
const NIFTY = { underlyingSecurityId: 13, underlyingSegment: 'IDX_I' as const };

let server: LoopbackHttpServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

interface Harness {
  readonly client: DhanRestClient;
  readonly time: VirtualTime;
  readonly calls: RestLogEntry[];
  readonly logLines: () => string[];
  readonly server: LoopbackHttpServer;
}

async function harness(handler: Handler, overrides: Partial<DhanRestClientOptions> = {}): Promise<Harness> {
  server = await LoopbackHttpServer.start(handler);
  const time = new VirtualTime(START_MS);
  const calls: RestLogEntry[] = [];
  const { logger, lines } = createMemoryLogger(passThrough);
  const client = new DhanRestClient({
    baseUrl: `${server.url}/v2`,
    credentials: () => ({ clientId: CLIENT_ID, accessToken: TOKEN }),
    clock: time,
    scheduler: time,
    logger,
    onCall: (entry) => calls.push(entry),
    random: () => 0.5,
    ...overrides,
  });
  return { client, time, calls, logLines: lines, server };
}

async function failure(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (isAppError(error)) return error;
    throw error;
  }
  throw new Error('expected a failure');
}

describe('REST client against a loopback HTTP server', () => {
  it('calls GET /v2/profile with the access-token and client-id headers and reports the call by path', async () => {
    const h = await harness(() => ({ status: 200, body: PROFILE }));
    const profile = await h.client.getProfile();
    expect(profile).toEqual({
      clientId: CLIENT_ID,
      tokenValidity: '08/01/2026 09:00',
      dataPlan: 'Active',
      dataValidity: '2026-02-01',
      activeSegment: null,
      dataPlanActive: true,
    });
    const [request] = h.server.requests;
    expect(request).toMatchObject({ method: 'GET', path: '/v2/profile', body: '' });
    expect(request?.headers['access-token']).toBe(TOKEN);
    expect(request?.headers['client-id']).toBe(CLIENT_ID);
    expect(request?.headers['content-type']).toBe('application/json');
    expect(h.calls).toEqual([
      { atMs: START_MS, method: 'GET', endpoint: '/v2/profile', status: 200, latencyMs: 0, errorCode: null },
    ]);
  });

  it('posts the expiry-list body and returns the dates ascending', async () => {
    const h = await harness(() => ({
      status: 200,
      body: { data: ['2026-01-13', '2026-01-08'], status: 'success' },
    }));
    expect(await h.client.getExpiryList(NIFTY)).toEqual(['2026-01-08', '2026-01-13']);
    expect(h.server.requests[0]).toMatchObject({ method: 'POST', path: '/v2/optionchain/expirylist' });
    expect(JSON.parse(h.server.requests[0]!.body)).toEqual({ UnderlyingScrip: 13, UnderlyingSeg: 'IDX_I' });
  });

  it('posts the option-chain body and parses the answer', async () => {
    const h = await harness(() => ({ status: 200, body: OPTION_CHAIN_BODY }));
    const chain = await h.client.getOptionChain({ ...NIFTY, expiry: '2026-01-08' });
    expect(JSON.parse(h.server.requests[0]!.body)).toEqual({
      UnderlyingScrip: 13,
      UnderlyingSeg: 'IDX_I',
      Expiry: '2026-01-08',
    });
    expect(chain.rows.map((r) => [r.strike, r.ce?.securityId ?? null, r.pe?.securityId ?? null])).toEqual([
      [22950, 42_099, null],
      [23000.5, 42_100, 42_200],
      [23100, 42_101, null],
    ]);
    expect(chain.spotLastPrice).toBe(23092.19921875);
    expect(chain.fetchedAtMs).toBe(START_MS);
  });

  it('fails with REST_AUTH_INVALID on a DH-901 envelope and does not retry', async () => {
    const h = await harness(() => ({
      status: 401,
      body: {
        errorType: 'Invalid_Authentication',
        errorCode: 'DH-901',
        errorMessage: 'Client ID or user generated access token is invalid or expired.',
      },
    }));
    const error = await failure(h.client.getProfile());
    expect([error.code, error.context]).toEqual([
      'REST_AUTH_INVALID',
      { httpStatus: 401, dhanCode: 'DH-901', endpoint: '/v2/profile' },
    ]);
    expect(h.server.requests).toHaveLength(1);
    expect(h.calls).toEqual([
      {
        atMs: START_MS,
        method: 'GET',
        endpoint: '/v2/profile',
        status: 401,
        latencyMs: 0,
        errorCode: 'REST_AUTH_INVALID',
      },
    ]);
  });

  it('fails with REST_NO_DATA_PLAN on the data envelope, with HTTP 401 or HTTP 200', async () => {
    const h = await harness((_r, i) => ({
      status: i === 0 ? 401 : 200,
      body: { data: { '806': 'Data APIs not Subscribed' }, status: 'failed' },
    }));
    const first = await failure(h.client.getExpiryList(NIFTY));
    expect([first.code, first.context]).toEqual([
      'REST_NO_DATA_PLAN',
      { httpStatus: 401, dhanCode: '806', endpoint: '/v2/optionchain/expirylist' },
    ]);
    const second = await failure(h.client.getProfile());
    expect([second.code, second.context]).toEqual([
      'REST_NO_DATA_PLAN',
      { httpStatus: 200, dhanCode: '806', endpoint: '/v2/profile' },
    ]);
  });

  it('fails with REST_NOT_JSON and keeps the status when a 401 comes back as an HTML page', async () => {
    const h = await harness(() => ({
      status: 401,
      body: '<html><body><h1>401 Authorization Required</h1></body></html>',
    }));
    const error = await failure(h.client.getProfile());
    expect([error.code, error.context]).toEqual([
      'REST_NOT_JSON',
      { httpStatus: 401, dhanCode: null, endpoint: '/v2/profile' },
    ]);
  });

  it('retries a 500 after 500 ms and succeeds', async () => {
    const h = await harness((_r, i) =>
      i === 0
        ? { status: 500, body: { errorCode: 'INTERNAL_SERVER_ERROR', internalErrorCode: 'RS-9005' } }
        : { status: 200, body: PROFILE },
    );
    const pending = h.client.getProfile();
    const backoff = await h.time.waitForTimer((t) => t.delayMs === 500);
    expect(backoff.dueMs).toBe(START_MS + 500);
    h.time.advance(500);
    expect((await pending).dataPlanActive).toBe(true);
    expect(h.calls.map((c) => [c.atMs, c.status, c.errorCode])).toEqual([
      [START_MS, 500, 'REST_SERVER_ERROR'],
      [START_MS + 500, 200, null],
    ]);
  });

  it('gives up after three attempts spaced 500 ms and 1000 ms apart', async () => {
    const h = await harness(() => ({ status: 503, body: '<html>Service Unavailable</html>' }));
    const pending = failure(h.client.getProfile());
    await h.time.waitForTimer((t) => t.delayMs === 500);
    h.time.advance(500);
    await h.time.waitForTimer((t) => t.delayMs === 1000);
    h.time.advance(1000);
    const error = await pending;
    expect([error.code, error.context['httpStatus']]).toEqual(['REST_SERVER_ERROR', 503]);
    expect(h.calls.map((c) => [c.atMs - START_MS, c.status])).toEqual([
      [0, 503],
      [500, 503],
      [1500, 503],
    ]);
  });

  it('times out a request that gets no answer and reports REST_TIMEOUT', async () => {
    const h = await harness(() => ({ hang: true }), { maxAttempts: 1, timeoutMs: 10_000 });
    const pending = failure(h.client.getProfile());
    await h.server.received(1);
    h.time.advance(9_999);
    h.time.advance(1);
    const error = await pending;
    expect([error.code, error.message, error.context]).toEqual([
      'REST_TIMEOUT',
      'No answer from /v2/profile within 10000 ms',
      { endpoint: '/v2/profile', httpStatus: null, dhanCode: null },
    ]);
    expect(h.calls).toEqual([
      {
        atMs: START_MS,
        method: 'GET',
        endpoint: '/v2/profile',
        status: null,
        latencyMs: 10_000,
        errorCode: 'REST_TIMEOUT',
      },
    ]);
  });

  it('reports an unreachable host as REST_UNREACHABLE', async () => {
    const h = await harness(() => ({ status: 200, body: PROFILE }), { maxAttempts: 1 });
    await h.server.close();
    server = null;
    const error = await failure(h.client.getProfile());
    expect(error.code).toBe('REST_UNREACHABLE');
    expect(error.message).toMatch(
      /^Could not reach DhanHQ for \/v2\/profile: fetch failed \(connect ECONNREFUSED 127\.0\.0\.1:\d+\)$/,
    );
  });

  it('refuses to call without credentials', async () => {
    const h = await harness(() => ({ status: 200, body: PROFILE }), { credentials: () => null });
    expect((await failure(h.client.getProfile())).code).toBe('CRED_MISSING');
    expect(h.server.requests).toHaveLength(0);
  });

  it('paces identical option-chain requests 3.1 s apart without delaying other requests', async () => {
    const receivedAt: [string, number][] = [];
    let time: VirtualTime | null = null;
    const h = await harness((request) => {
      const body = JSON.parse(request.body) as { UnderlyingScrip: number };
      receivedAt.push([`${request.path}:${body.UnderlyingScrip}`, time!.nowMs() - START_MS]);
      return { status: 200, body: OPTION_CHAIN_BODY };
    });
    time = h.time;
    const nifty = { ...NIFTY, expiry: '2026-01-08' };
    const results = [
      h.client.getOptionChain(nifty),
      h.client.getOptionChain(nifty),
      h.client.getOptionChain({ underlyingSecurityId: 25, underlyingSegment: 'IDX_I', expiry: '2026-01-27' }),
      h.client.getOptionChain(nifty),
    ];
    await h.server.received(2);
    h.time.advance(3_099);
    expect(h.server.requests).toHaveLength(2);
    h.time.advance(1);
    await h.server.received(3);
    h.time.advance(3_100);
    await h.server.received(4);
    await Promise.all(results);
    expect(receivedAt).toEqual([
      ['/v2/optionchain:13', 0],
      ['/v2/optionchain:25', 0],
      ['/v2/optionchain:13', 3_100],
      ['/v2/optionchain:13', 6_200],
    ]);
  });

  it('re-checks a 401/810 option-chain answer against the profile and treats it as rate limiting when the profile works', async () => {
    const h = await harness((request) =>
      request.path === '/v2/profile'
        ? { status: 200, body: PROFILE }
        : { status: 401, body: { Data: { '810': 'ClientId is invalid' } } },
    );
    const error = await failure(h.client.getOptionChain({ ...NIFTY, expiry: '2026-01-08' }));
    expect([error.code, error.context]).toEqual([
      'REST_RATE_LIMITED',
      { httpStatus: 401, dhanCode: '810', endpoint: '/v2/optionchain', profileChecked: true },
    ]);
    expect(h.server.requests.map((r) => r.path)).toEqual(['/v2/optionchain', '/v2/profile']);
  });

  it('reports the profile failure when the re-check shows the token is really dead', async () => {
    const h = await harness((request) =>
      request.path === '/v2/profile'
        ? {
            status: 401,
            body: { errorType: 'Invalid_Authentication', errorCode: 'DH-901', errorMessage: 'invalid' },
          }
        : { status: 401, body: { data: { '808': 'Authentication Failed' }, status: 'failed' } },
    );
    const error = await failure(h.client.getOptionChain({ ...NIFTY, expiry: '2026-01-08' }));
    expect([error.code, error.context['endpoint'], error.context['dhanCode']]).toEqual([
      'REST_AUTH_INVALID',
      '/v2/profile',
      'DH-901',
    ]);
  });

  it('does not re-check 806 on the option chain: that is the plan, not the token', async () => {
    const h = await harness(() => ({
      status: 401,
      body: { data: { '806': 'Data APIs not Subscribed' }, status: 'failed' },
    }));
    expect((await failure(h.client.getOptionChain({ ...NIFTY, expiry: '2026-01-08' }))).code).toBe(
      'REST_NO_DATA_PLAN',
    );
    expect(h.server.requests.map((r) => r.path)).toEqual(['/v2/optionchain']);
  });

  it('paces a retried option-chain request like any other', async () => {
    const h = await harness((_r, i) =>
      i === 0
        ? { status: 429, body: { data: { '805': 'Too many requests' }, status: 'failed' } }
        : { status: 200, body: OPTION_CHAIN_BODY },
    );
    const pending = h.client.getOptionChain({ ...NIFTY, expiry: '2026-01-08' });
    await h.time.waitForTimer((t) => t.delayMs === 500);
    h.time.advance(500);
    // The back-off is over, but the same request may go again only 3.1 s after the first.
    await h.time.waitForTimer((t) => t.dueMs === START_MS + 3_100);
    expect(h.server.requests).toHaveLength(1);
    h.time.advance(2_600);
    await pending;
    expect(h.calls.map((c) => [c.atMs - START_MS, c.status])).toEqual([
      [0, 429],
      [3_100, 200],
    ]);
  });

  it('never puts the token into a call record, an error or the log', async () => {
    const h = await harness((_r, i) =>
      i === 0 ? { status: 401, body: '<html>401</html>' } : { status: 200, body: PROFILE },
    );
    const error = await failure(h.client.getProfile());
    await h.client.getProfile();
    const everything = [
      JSON.stringify(h.calls),
      error.message,
      JSON.stringify(error.context),
      ...h.logLines(),
    ].join('\n');
    expect(everything).not.toContain(TOKEN);
    expect(everything).toContain('REST_NOT_JSON');
  });
});
