import { createServer, type AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ERROR_CATALOG } from '../../../src/shared/errors/error-catalog';
import { DEMO_CLIENT_ID, makeDemoToken } from '../../../src/sim';
import { MemoryCredentialStore } from '../../fixtures/engine-harness';
import { niftyOnly, startDoctorSim, type DoctorSim } from './doctor-sim';

describe('runDoctor: every credential status as the doctor reports it', () => {
  let doctor: DoctorSim;

  beforeEach(async () => {
    doctor = await startDoctorSim();
  });
  afterEach(() => doctor.close());

  it('exits 2 with CRED_EXPIRED when the token is past its 24 hours and DhanHQ refuses it', async () => {
    await doctor.close();
    const issuedAtMs = Date.now() - 25 * 3600_000;
    doctor = await startDoctorSim({ accessToken: makeDemoToken(DEMO_CLIENT_ID, issuedAtMs) });
    const { report } = await doctor.run({ env: niftyOnly });
    const expiredAt = new Date(Math.floor(issuedAtMs / 1000) * 1000 + 24 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
    expect(report.credentials).toMatchObject({ source: 'env', status: 'expired', message: `The access token expired at ${expiredAt} UTC.` });
    expect(report.errors.map((e) => e.code)).toEqual(['CRED_EXPIRED']);
    expect(report.verdict).toBe('failed');
    expect(report.exitCode).toBe(2);
  });

  it('is healthy with keychain credentials DhanHQ accepts', async () => {
    const store = new MemoryCredentialStore({ clientId: doctor.sim.clientId, accessToken: doctor.sim.accessToken });
    const { report } = await doctor.run({
      store,
      env: (simEnv) => ({ ...niftyOnly(simEnv), DHAN_CLIENT_ID: undefined, DHAN_ACCESS_TOKEN: undefined }),
    });
    expect(report.credentials).toMatchObject({ source: 'keychain', status: 'ok' });
    expect(report.verdict).toBe('healthy');
    expect(report.exitCode).toBe(0);
  });

  it('exits 2 with CRED_MISSING and its remedy when neither the environment nor the keychain has credentials', async () => {
    const { report, text } = await doctor.run({
      env: (simEnv) => ({ ...niftyOnly(simEnv), DHAN_CLIENT_ID: undefined, DHAN_ACCESS_TOKEN: undefined }),
    });
    expect(report.credentials).toMatchObject({ source: 'none', status: 'missing', message: 'No DhanHQ client id and access token are set.' });
    expect(report.verdict).toBe('failed');
    expect(report.exitCode).toBe(2);
    expect(report.errors).toEqual([
      {
        code: 'CRED_MISSING',
        severity: 'error',
        title: ERROR_CATALOG.CRED_MISSING.title,
        message: 'No DhanHQ client id and access token are set.',
        remedy: ERROR_CATALOG.CRED_MISSING.remedy,
      },
    ]);
    expect(report.feed).toMatchObject({ state: 'idle', connections: 0, packets: 0, watchSeconds: 0 });
    expect(text).toContain(`✗ Credentials        missing (from none) — No DhanHQ client id and access token are set.\n    ✗ CRED_MISSING: No DhanHQ client id and access token are set.\n      What to do: ${ERROR_CATALOG.CRED_MISSING.remedy}\n`);
    expect(text).toContain('\n✗ Live feed          idle · no connection opened\n');
    const nearest = doctor.sim.market.skeleton().underlyings.find((u) => u.symbol === 'NIFTY')?.expiries[0];
    const strikes = nearest?.strikes.length ?? 0;
    expect(report.chain.rows.map((r) => [r.ce?.ltp, r.pe?.ltp])).toEqual(Array.from({ length: strikes }, () => [null, null]));
    expect(text).toContain(`\n✗ Option chain       NIFTY ${nearest?.expiry} · spot unknown · ${strikes} strikes · 0 of ${2 * strikes} contracts priced\n`);
    expect(text.trimEnd().split('\n').at(-1)).toBe('Verdict: FAILED (exit code 2)');
  });

  it('exits 2 with CRED_INVALID when DhanHQ does not know the token', async () => {
    const stranger = makeDemoToken(doctor.sim.clientId, Date.now(), 99);
    const { report } = await doctor.run({ env: (simEnv) => ({ ...niftyOnly(simEnv), DHAN_ACCESS_TOKEN: stranger }) });
    expect(report.credentials).toMatchObject({ source: 'env', status: 'invalid' });
    expect(report.errors.map((e) => e.code)).toEqual(['CRED_INVALID']);
    expect(report.exitCode).toBe(2);
  });

  it('exits 2 with CRED_NO_DATA_PLAN when DhanHQ answers 806 to the profile check', async () => {
    doctor.sim.faults.setRestFault({ kind: 'no-data-plan', endpoint: 'profile' });
    const { report } = await doctor.run({ env: niftyOnly });
    expect(report.credentials).toMatchObject({ source: 'env', status: 'no-data-plan', message: 'DhanHQ answered 806: Data APIs not subscribed.' });
    expect(report.errors.map((e) => e.code)).toEqual(['CRED_NO_DATA_PLAN']);
    expect(report.exitCode).toBe(2);
  });

  it('exits 2 with CRED_UNREACHABLE when the DhanHQ API cannot be reached for the profile check', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const { report } = await doctor.run({ env: (simEnv) => ({ ...niftyOnly(simEnv), DHAN_API_URL: `http://127.0.0.1:${port}/v2` }) });
    expect(report.credentials).toMatchObject({ source: 'env', status: 'unreachable', remedy: ERROR_CATALOG.CRED_UNREACHABLE.remedy });
    expect(report.errors[0]?.code).toBe('CRED_UNREACHABLE');
    expect(report.verdict).toBe('failed');
    expect(report.exitCode).toBe(2);
  });

  it('never puts a rejected token in the report, the text or the log', async () => {
    const stranger = makeDemoToken(doctor.sim.clientId, Date.now(), 123);
    const { report, text, logLines } = await doctor.run({ env: (simEnv) => ({ ...niftyOnly(simEnv), DHAN_ACCESS_TOKEN: stranger }) });
    expect(report.credentials.status).toBe('invalid');
    expect(JSON.stringify(report)).not.toContain(stranger);
    expect(text).not.toContain(stranger);
    expect(logLines.filter((line) => line.includes(stranger))).toEqual([]);
  });
});
