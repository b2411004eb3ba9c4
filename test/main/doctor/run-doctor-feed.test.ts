import { createServer, type AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { niftyOnly, startDoctorSim, type DoctorSim } from './doctor-sim';

const WATCH_MS = 2000;

describe('runDoctor: the live feed during the watch', () => {
  let doctor: DoctorSim;

  beforeEach(async () => {
    doctor = await startDoctorSim({ ticksPerSecond: 200 });
  });
  afterEach(() => doctor.close());

  /** The doctor's real-time wait, with `fault` fired halfway through the watch window. */
  function faultDuringWatch(fault: () => void): (ms: number) => Promise<void> {
    return async (ms) => {
      if (ms !== WATCH_MS) return sleep(ms);
      await sleep(ms / 2);
      fault();
      await sleep(ms / 2);
    };
  }

  it('reports disconnect 807 during the watch as expired credentials with exit code 2', async () => {
    let disconnected = 0;
    const { report, text } = await doctor.run({
      env: niftyOnly,
      doctor: { watchSeconds: WATCH_MS / 1000, sleep: faultDuringWatch(() => (disconnected = doctor.sim.faults.disconnect(807))) },
    });
    expect(disconnected).toBe(report.feed.connections);
    expect(report.feed.lastDisconnectCode).toBe(807);
    expect(report.credentials).toMatchObject({ source: 'env', status: 'expired', message: 'DhanHQ closed the feed: the access token expired (807).' });
    expect(report.errors.map((e) => e.code)).toEqual(['CRED_EXPIRED', 'FEED_AUTH_EXPIRED']);
    expect(report.verdict).toBe('failed');
    expect(report.exitCode).toBe(2);
    expect(text).toContain('· last disconnect code 807');
  });

  it('exits 4 with FEED_NOT_CONNECTED when no feed connection can be opened', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const { report } = await doctor.run({ env: (simEnv) => ({ ...niftyOnly(simEnv), DHAN_FEED_URL: `ws://127.0.0.1:${port}/` }) });
    expect(report.credentials.status).toBe('ok');
    expect(report.feed).toMatchObject({ state: 'reconnecting', packets: 0 });
    expect(report.errors.map((e) => e.code)).toEqual(['FEED_DROPPED', 'FEED_NOT_CONNECTED']);
    expect(report.errors[1]?.message).toMatch(new RegExp(`^None of \\d feed connection\\(s\\) opened during the 1 s watch; the last attempt ended with FEED_HANDSHAKE_FAILED \\(`));
    expect(report.verdict).toBe('failed');
    expect(report.exitCode).toBe(4);
  });

  it('reports a feed that connects but never sends a packet as FEED_SILENT, degraded with exit code 1', async () => {
    doctor.sim.faults.setSilent(true);
    const { report } = await doctor.run({ env: niftyOnly });
    expect(report.feed).toMatchObject({ packets: 0, packetsDuringWatch: 0 });
    expect(report.feed.connections).toBeGreaterThan(0);
    expect(report.errors.map((e) => [e.code, e.severity])).toEqual([['FEED_SILENT', 'warning']]);
    expect(report.errors[0]?.message).toBe(`${report.feed.connections} feed connection(s) stayed open for the 1 s watch and received no packet.`);
    expect(report.verdict).toBe('degraded');
    expect(report.exitCode).toBe(1);
  });
});
