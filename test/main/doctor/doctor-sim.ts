// Runs the doctor in-process against the real simulator over loopback sockets, with an
// in-memory credential store, a temporary data folder and an in-memory log, and cleans up.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CredentialStore } from '../../../src/main/credentials/credential-store';
import { runDoctor, type DoctorRun, type RunDoctorOptions } from '../../../src/main/doctor/run-doctor';
import { createMemoryLogger } from '../../../src/main/logging/logger';
import { Redactor } from '../../../src/main/logging/redactor';
import { startSimulator, type SimulatorHandle, type SimulatorOptions } from '../../../src/sim';
import { MemoryCredentialStore } from '../../fixtures/engine-harness';

export interface DoctorSim {
  readonly sim: SimulatorHandle;
  /** Runs the doctor once; `env` edits the simulator's environment (undefined removes a key). */
  run(options?: {
    readonly env?: (simEnv: Record<string, string>) => Record<string, string | undefined>;
    readonly store?: CredentialStore;
    readonly doctor?: Partial<RunDoctorOptions>;
  }): Promise<DoctorRun & { readonly logLines: string[] }>;
  close(): Promise<void>;
}

/** A frozen market by default (no ticks), so prices can be compared exactly. */
export async function startDoctorSim(options: SimulatorOptions = {}): Promise<DoctorSim> {
  const sim = await startSimulator({ seed: 7, ticksPerSecond: 0, ...options });
  const dirs: string[] = [];
  return {
    sim,
    async run(run = {}) {
      const dataDir = await mkdtemp(join(tmpdir(), 'chainlens-doctor-'));
      dirs.push(dataDir);
      const redactor = new Redactor();
      const { logger, lines } = createMemoryLogger(redactor, 'debug');
      const result = await runDoctor({
        env: run.env ? run.env(sim.env()) : sim.env(),
        dataDir,
        mode: 'demo',
        watchSeconds: 1,
        log: { logger, redactor },
        runtime: { credentialStore: run.store ?? new MemoryCredentialStore(), marketHours: 'always-open' },
        ...run.doctor,
      });
      return { ...result, logLines: lines() };
    },
    async close() {
      await sim.close();
      await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
    },
  };
}

/** Only NIFTY: a smaller instrument master, for tests about something other than its size. */
export function niftyOnly(simEnv: Record<string, string>): Record<string, string | undefined> {
  return { ...simEnv, CHAINLENS_UNDERLYINGS: 'NIFTY' };
}

/** Rounds like the report edge: 2 decimals. */
export function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
