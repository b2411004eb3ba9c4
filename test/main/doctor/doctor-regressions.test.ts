// Engine bugs found while writing the doctor, each shown through a doctor run and kept as a
// regression test: the instrument-master cache is per source URL, and an early-expired token is
// told apart from an unknown one through a data endpoint.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LoopbackHttpServer } from '../../fixtures/dhan/loopback-http-server';
import { niftyOnly, startDoctorSim, type DoctorSim } from './doctor-sim';

describe('engine regressions seen through the doctor', () => {
  let doctor: DoctorSim;
  let master: LoopbackHttpServer | null = null;
  let dataDir: string;

  beforeEach(async () => {
    doctor = await startDoctorSim();
    dataDir = await mkdtemp(join(tmpdir(), 'chainlens-doctor-shared-'));
  });
  afterEach(async () => {
    await master?.close();
    master = null;
    await doctor.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  // createAppRuntime puts the instrument-master cache in <dataDir>/instrument-master for every
  // mode, and InstrumentMaster accepts "today's cache" without comparing the URL it came from.
  // So after a demo run (Electron demo mode, `serve --demo`) a live run the same day uses the
  // simulator's instruments and never downloads DhanHQ's file.
  it("downloads the instrument master from its own URL instead of another URL's cache from the same day", async () => {
    const demoRun = await doctor.run({ env: niftyOnly, doctor: { dataDir } });
    expect(demoRun.report.instrumentMaster.source).toBe('download');

    const header = (await (await fetch(doctor.sim.scripMasterUrl)).text()).split('\n')[0] ?? '';
    master = await LoopbackHttpServer.start(() => ({ status: 200, body: `${header}\n`, headers: { 'Content-Type': 'text/csv' } }));
    const otherUrl = `${master.url}/api-scrip-master-detailed.csv`;
    const liveRun = await doctor.run({ env: (simEnv) => ({ ...niftyOnly(simEnv), DHAN_SCRIP_MASTER_URL: otherUrl }), doctor: { dataDir } });

    expect(master.requests.length).toBe(1);
    expect(liveRun.report.instrumentMaster.source).not.toBe('cache');
  });

  // CredentialService decides expired-or-invalid from GET /profile alone, and /profile answers
  // DH-901 to both (a trading endpoint). A token DhanHQ expired before its `exp` claim (RenewToken
  // from another app retires the old one) is therefore reported as "invalid", with the remedy
  // "check that it belongs to this client id", instead of "expired". A data endpoint (the
  // expiry list) answers 807 for expired and 808 for unknown, which would tell them apart.
  it('reports a token DhanHQ expired before its exp claim as expired, not invalid', async () => {
    doctor.sim.faults.expireTokenNow();
    const { report } = await doctor.run({ env: niftyOnly });
    expect(report.credentials.status).toBe('expired');
    expect(report.errors.map((e) => e.code)).toEqual(['CRED_EXPIRED']);
  });
});
