import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ERROR_CATALOG } from '../../../src/shared/errors/error-catalog';
import { LoopbackHttpServer } from '../../fixtures/dhan/loopback-http-server';
import { niftyOnly, startDoctorSim, type DoctorSim } from './doctor-sim';

/** A port that was free a moment ago and has nothing listening on it now. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('runDoctor: instrument master and skeleton problems', () => {
  let doctor: DoctorSim;
  let master: LoopbackHttpServer | null = null;

  beforeEach(async () => {
    doctor = await startDoctorSim();
  });
  afterEach(async () => {
    await master?.close();
    master = null;
    await doctor.close();
  });

  it('exits 3 with MASTER_EMPTY when the instrument master has only its header row', async () => {
    const header = (await (await fetch(doctor.sim.scripMasterUrl)).text()).split('\n')[0] ?? '';
    master = await LoopbackHttpServer.start(() => ({ status: 200, body: `${header}\n`, headers: { 'Content-Type': 'text/csv' } }));
    const masterUrl = `${master.url}/api-scrip-master-detailed.csv`;
    const { report, text } = await doctor.run({ env: (simEnv) => ({ ...simEnv, DHAN_SCRIP_MASTER_URL: masterUrl }) });
    expect(master.requests.map((r) => r.path)).toEqual(['/api-scrip-master-detailed.csv']);
    expect(report.verdict).toBe('failed');
    expect(report.exitCode).toBe(3);
    expect(report.skeleton).toEqual({ underlyings: 0, expiries: 0, strikes: 0, tokens: 0 });
    expect(report.instrumentMaster).toEqual({ state: 'failed', source: null, date: null, url: masterUrl, rowsRead: 0, rowsKept: 0, rowsRejected: 0 });
    expect(report.errors.map((e) => [e.code, e.message])).toEqual([
      ['MASTER_EMPTY', 'The downloaded file (0 rows) lists no index options of the configured underlyings'],
    ]);
    expect(report.chain).toEqual({ underlying: 'NIFTY', expiry: null, spot: null, rows: [] });
    expect(report.credentials.status).toBe('ok');
    expect(text).toContain(
      `✗ Instrument master  failed · ${masterUrl}\n    ✗ MASTER_EMPTY: The downloaded file (0 rows) lists no index options of the configured underlyings\n` +
        `      What to do: ${ERROR_CATALOG.MASTER_EMPTY.remedy}\n✗ Skeleton           0 underlyings · 0 expiries · 0 strikes · 0 tokens\n`,
    );
  });

  it('exits 3 with MASTER_DOWNLOAD_FAILED when the instrument master cannot be reached', async () => {
    const masterUrl = `http://127.0.0.1:${await closedPort()}/api-scrip-master-detailed.csv`;
    const { report } = await doctor.run({ env: (simEnv) => ({ ...simEnv, DHAN_SCRIP_MASTER_URL: masterUrl }) });
    expect(report.verdict).toBe('failed');
    expect(report.exitCode).toBe(3);
    expect(report.instrumentMaster.state).toBe('failed');
    expect(report.errors.map((e) => e.code)).toEqual(['MASTER_DOWNLOAD_FAILED']);
    expect(report.errors[0]?.remedy).toBe(ERROR_CATALOG.MASTER_DOWNLOAD_FAILED.remedy);
    expect(report.skeleton).toEqual({ underlyings: 0, expiries: 0, strikes: 0, tokens: 0 });
    expect(report.chain).toEqual({ underlying: 'NIFTY', expiry: null, spot: null, rows: [] });
    expect(report.feed).toMatchObject({ connections: 0, packets: 0 });
  });

  it('keeps the chain with no rows and names CHAIN_UNKNOWN_UNDERLYING for an underlying the master does not list', async () => {
    const { report } = await doctor.run({ env: niftyOnly, doctor: { underlying: 'banknifty' } });
    expect(report.chain).toEqual({ underlying: 'BANKNIFTY', expiry: null, spot: null, rows: [] });
    expect(report.errors.map((e) => [e.code, e.message])).toEqual([['CHAIN_UNKNOWN_UNDERLYING', 'BANKNIFTY is not in the instrument master.']]);
    expect(report.exitCode).toBe(3);
  });

  it('keeps the chain with no rows and names CHAIN_UNKNOWN_EXPIRY for an expiry the master does not list', async () => {
    const { report } = await doctor.run({ env: niftyOnly, doctor: { expiry: '2001-01-04' } });
    expect(report.chain).toEqual({ underlying: 'NIFTY', expiry: '2001-01-04', spot: null, rows: [] });
    expect(report.errors.map((e) => [e.code, e.message])).toEqual([['CHAIN_UNKNOWN_EXPIRY', 'NIFTY has no 2001-01-04 expiry in the instrument master.']]);
    expect(report.exitCode).toBe(3);
  });

  it('checks the named underlying and expiry when both are given', async () => {
    const banknifty = doctor.sim.market.skeleton().underlyings.find((u) => u.symbol === 'BANKNIFTY');
    const second = banknifty?.expiries[1];
    if (!banknifty || !second) throw new Error('the simulator lists no second BANKNIFTY expiry');
    const { report } = await doctor.run({ env: (simEnv) => ({ ...simEnv, CHAINLENS_UNDERLYINGS: 'BANKNIFTY' }), doctor: { underlying: 'BANKNIFTY', expiry: second.expiry } });
    expect(report.chain.underlying).toBe('BANKNIFTY');
    expect(report.chain.expiry).toBe(second.expiry);
    expect(report.chain.rows.map((r) => [r.strike, r.ce?.securityId, r.pe?.securityId])).toEqual(second.strikes.map((s) => [s.strike, s.ceSecurityId, s.peSecurityId]));
    expect(report.chain.rows.every((r) => r.ce?.ltp !== null && r.pe?.ltp !== null)).toBe(true);
    expect(report.exitCode).toBe(0);
  });
});
