import { describe, expect, it } from 'vitest';
import { CredentialService, type ProfileChecker } from '../../../src/main/credentials/credential-service';
import type { CredentialStore } from '../../../src/main/credentials/credential-store';
import type { DhanCredentials } from '../../../src/main/dhan/dhan-credentials';
import { createMemoryLogger } from '../../../src/main/logging/logger';
import { Redactor } from '../../../src/main/logging/redactor';
import { AppError } from '../../../src/shared/errors/app-error';
import { ManualClock } from '../../../src/shared/util/clock';

const NOW = Date.UTC(2026, 10, 25, 6, 0, 0);

/** An unsigned JWT carrying the claims DhanHQ puts in its tokens. */
function token(claims: Record<string, unknown>): string {
  const part = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ typ: 'JWT', alg: 'HS512' })}.${part(claims)}.c2lnbmF0dXJl`;
}

const VALID = token({ iss: 'dhan', dhanClientId: '1100123456', exp: NOW / 1000 + 8 * 3600, iat: NOW / 1000 - 3600 });

class MemoryStore implements CredentialStore {
  readonly description = 'memory';
  saved: DhanCredentials | null = null;
  constructor(private readonly failWith: Error | null = null) {}
  load(): Promise<DhanCredentials | null> {
    return this.failWith ? Promise.reject(this.failWith) : Promise.resolve(this.saved);
  }
  save(credentials: DhanCredentials): Promise<void> {
    if (this.failWith) return Promise.reject(this.failWith);
    this.saved = credentials;
    return Promise.resolve();
  }
  clear(): Promise<boolean> {
    const had = this.saved !== null;
    this.saved = null;
    return Promise.resolve(had);
  }
}

function service(options: { env?: Record<string, string>; store?: CredentialStore; profile?: ProfileChecker; clock?: ManualClock }) {
  const redactor = new Redactor();
  const { logger, lines } = createMemoryLogger(redactor);
  const calls: DhanCredentials[] = [];
  const profile: ProfileChecker =
    options.profile ?? (() => Promise.resolve({ dataPlan: 'Active', dataValidity: '2026-12-31' }));
  const svc = new CredentialService({
    store: options.store ?? new MemoryStore(),
    env: options.env ?? {},
    checkProfile: (c) => {
      calls.push(c);
      return profile(c);
    },
    clock: options.clock ?? new ManualClock(NOW),
    logger,
    redactor,
  });
  return { svc, calls, lines, redactor };
}

describe('CredentialService', () => {
  it('is missing with the remedy when neither the environment nor the keychain has credentials', async () => {
    const { svc, calls } = service({});
    await svc.resolve();
    const summary = await svc.verify();
    expect(summary).toMatchObject({ source: 'none', status: 'missing', clientIdMasked: null, keychainAvailable: true });
    expect(summary.remedy).toMatch(/^Open Credentials and enter your DhanHQ client id/);
    expect(svc.problems().map((p) => p.code)).toEqual(['CRED_MISSING']);
    expect(calls).toEqual([]);
  });

  it('prefers environment credentials over saved ones and says so', async () => {
    const store = new MemoryStore();
    store.saved = { clientId: '1100999999', accessToken: 'saved-token-value' };
    const { svc, calls } = service({ env: { DHAN_CLIENT_ID: '1100123456', DHAN_ACCESS_TOKEN: VALID }, store });
    await svc.resolve();
    const summary = await svc.verify();
    expect(summary).toMatchObject({ source: 'env', status: 'ok', clientIdMasked: '11••••••56', dataPlan: 'Active' });
    expect(summary.tokenExpiresAtMs).toBe(NOW + 8 * 3600_000);
    expect(calls).toEqual([{ clientId: '1100123456', accessToken: VALID }]);
  });

  it('reports no-data-plan for a valid token whose plan is Deactive, not invalid', async () => {
    const { svc } = service({
      env: { DHAN_CLIENT_ID: '1100123456', DHAN_ACCESS_TOKEN: VALID },
      profile: () => Promise.resolve({ dataPlan: 'Deactive', dataValidity: null }),
    });
    await svc.resolve();
    expect((await svc.verify()).status).toBe('no-data-plan');
    expect(svc.problems().map((p) => p.code)).toEqual(['CRED_NO_DATA_PLAN']);
  });

  it.each([
    [new AppError('REST_NO_DATA_PLAN', 'Data APIs not Subscribed', { httpStatus: 401, dhanCode: '806' }), 'no-data-plan'],
    [new AppError('REST_AUTH_INVALID', 'invalid', { httpStatus: 401, dhanCode: 'DH-901' }), 'invalid'],
    [new AppError('REST_AUTH_INVALID', 'expired', { httpStatus: 401, dhanCode: '807' }), 'expired'],
    [new AppError('REST_NOT_JSON', 'html', { httpStatus: 401 }), 'invalid'],
    [new AppError('REST_UNREACHABLE', 'ECONNREFUSED'), 'unreachable'],
    [new AppError('REST_TIMEOUT', 'timed out'), 'unreachable'],
    [new AppError('REST_RATE_LIMITED', 'DH-904', { httpStatus: 429, dhanCode: 'DH-904' }), 'unreachable'],
  ])('maps a profile failure %s to status %s', async (error, status) => {
    const { svc } = service({ env: { DHAN_CLIENT_ID: '1100123456', DHAN_ACCESS_TOKEN: VALID }, profile: () => Promise.reject(error) });
    await svc.resolve();
    expect((await svc.verify()).status).toBe(status);
  });

  it('knows a token is expired from its exp claim without asking DhanHQ', async () => {
    const expired = token({ dhanClientId: '1100123456', exp: NOW / 1000 - 60 });
    const { svc, calls } = service({ env: { DHAN_CLIENT_ID: '1100123456', DHAN_ACCESS_TOKEN: expired } });
    await svc.resolve();
    const summary = await svc.verify();
    expect(summary.status).toBe('expired');
    expect(summary.message).toBe('The access token expired at 2026-11-25 05:59 UTC.');
    expect(calls).toEqual([]);
  });

  it('refuses a token issued for another client id', async () => {
    const { svc, calls } = service({ env: { DHAN_CLIENT_ID: '1100000001', DHAN_ACCESS_TOKEN: VALID } });
    await svc.resolve();
    const summary = await svc.verify();
    expect(summary.status).toBe('invalid');
    expect(summary.message).toBe('The access token was issued for a different client id.');
    expect(calls).toEqual([]);
  });

  it('warns 45 minutes before expiry', async () => {
    const clock = new ManualClock(NOW);
    const soon = token({ dhanClientId: '1100123456', exp: NOW / 1000 + 45 * 60 });
    const { svc } = service({ env: { DHAN_CLIENT_ID: '1100123456', DHAN_ACCESS_TOKEN: soon }, clock });
    await svc.resolve();
    await svc.verify();
    expect(svc.problems().map((p) => [p.code, p.message])).toEqual([['CRED_EXPIRING_SOON', 'The access token expires in 45 min.']]);
  });

  it('says the keychain is unavailable and offers environment variables instead', async () => {
    const { svc } = service({ store: new MemoryStore(new Error('Cannot autolaunch D-Bus without X11 $DISPLAY')) });
    await svc.resolve();
    const summary = await svc.verify();
    expect(summary).toMatchObject({ status: 'missing', keychainAvailable: false });
    expect(summary.message).toBe('No credentials: the OS keychain is unavailable and DHAN_CLIENT_ID / DHAN_ACCESS_TOKEN are not set.');
    expect(svc.problems().map((p) => p.code)).toEqual(['CRED_MISSING', 'KEYCHAIN_UNAVAILABLE']);
  });

  it('tests typed credentials without saving them, then saves and adopts them', async () => {
    const store = new MemoryStore();
    const { svc } = service({ store });
    await svc.resolve();
    const check = await svc.test({ clientId: ' 1100123456 ', accessToken: VALID });
    expect(check).toEqual({ status: 'ok', message: 'Credentials are valid and the Data API plan is active.', remedy: '', dataPlan: 'Active', tokenExpiresAtMs: NOW + 8 * 3600_000 });
    expect(store.saved).toBeNull();
    expect(svc.current()).toBeNull();
    const summary = await svc.save({ clientId: '1100123456', accessToken: VALID });
    expect(summary).toMatchObject({ source: 'keychain', status: 'ok' });
    expect(store.saved).toEqual({ clientId: '1100123456', accessToken: VALID });
    expect((await svc.clear()).status).toBe('missing');
  });

  it('uses credentials the user saves instead of environment ones for the rest of the session', async () => {
    const store = new MemoryStore();
    const expired = token({ dhanClientId: '1100123456', exp: NOW / 1000 - 60 });
    const { svc } = service({ env: { DHAN_CLIENT_ID: '1100123456', DHAN_ACCESS_TOKEN: expired }, store });
    await svc.resolve();
    expect((await svc.verify()).status).toBe('expired');
    const summary = await svc.save({ clientId: '1100123456', accessToken: VALID });
    expect(summary).toMatchObject({ source: 'keychain', status: 'ok' });
    expect(svc.current()).toEqual({ clientId: '1100123456', accessToken: VALID });
  });

  it('never writes the token into its log lines or its summary', async () => {
    const { svc, lines } = service({ env: { DHAN_CLIENT_ID: '1100123456', DHAN_ACCESS_TOKEN: VALID } });
    await svc.resolve();
    const summary = await svc.verify();
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines().length).toBeGreaterThan(1);
    expect(lines().join('\n')).not.toContain(VALID);
    expect(JSON.stringify(summary)).not.toContain(VALID);
    expect(JSON.stringify(svc.problems())).not.toContain(VALID);
  });

  it('records a feed rejection (807) as expired and tells listeners', async () => {
    const { svc } = service({ env: { DHAN_CLIENT_ID: '1100123456', DHAN_ACCESS_TOKEN: VALID } });
    await svc.resolve();
    await svc.verify();
    const seen: string[] = [];
    svc.onChange((s) => seen.push(s.status));
    svc.markRejected('expired', 'DhanHQ closed the feed: access token expired (807)');
    expect(seen).toEqual(['expired']);
    expect(svc.summary().message).toBe('DhanHQ closed the feed: access token expired (807)');
  });
});
