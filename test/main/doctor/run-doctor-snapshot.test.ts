import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ERROR_CATALOG } from '../../../src/shared/errors/error-catalog';
import { niftyOnly, startDoctorSim, type DoctorSim } from './doctor-sim';

describe('runDoctor: the REST option-chain snapshot', () => {
  let doctor: DoctorSim;

  beforeEach(async () => {
    doctor = await startDoctorSim();
  });
  afterEach(() => doctor.close());

  it('names the REST code of a failed snapshot and degrades the verdict while the feed still fills the chain', async () => {
    doctor.sim.faults.setRestFault({ kind: 'auth-invalid', endpoint: 'optionchain' });
    const { report } = await doctor.run({ env: niftyOnly });
    expect(report.errors).toHaveLength(1);
    expect(report.errors[0]).toMatchObject({ code: 'REST_AUTH_INVALID', severity: 'error', remedy: ERROR_CATALOG.REST_AUTH_INVALID.remedy });
    expect(report.errors[0]?.message.startsWith('The option-chain snapshot failed: ')).toBe(true);
    expect(report.credentials.status).toBe('ok');
    expect(report.chain.rows.flatMap((r) => [r.ce?.source, r.pe?.source]).filter((s) => s !== 'feed')).toEqual([]);
    expect(report.verdict).toBe('degraded');
    expect(report.exitCode).toBe(1);
  });
});
