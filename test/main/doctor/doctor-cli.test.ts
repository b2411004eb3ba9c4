// The doctor as a user runs it: a child process of `node --import tsx src/cli/doctor.ts`, its
// stdout, stderr, log file and exit code.
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator, type SimulatorHandle } from '../../../src/sim';

interface ChildRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function runCli(args: readonly string[], env: Record<string, string | undefined>): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/doctor.ts', ...args], { cwd: process.cwd(), env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** This process's environment without any DhanHQ settings or credentials of the person running the tests. */
function cleanEnv(dir: string): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = { ...process.env, CHAINLENS_DATA_DIR: join(dir, 'data'), CHAINLENS_LOG_DIR: join(dir, 'logs') };
  for (const key of Object.keys(env)) if (key.startsWith('DHAN_') || key === 'CHAINLENS_UNDERLYINGS') delete env[key];
  return env;
}

describe('npm run doctor (child process)', () => {
  let dir: string;
  let sim: SimulatorHandle | null = null;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'chainlens-doctor-cli-'));
  });
  afterEach(async () => {
    await sim?.close();
    sim = null;
    await rm(dir, { recursive: true, force: true });
  });

  it('prints exactly one JSON object with a healthy verdict and exits 0 on the simulated market', async () => {
    const run = await runCli(['--demo', '--json', '--watch', '1'], cleanEnv(dir));
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout.endsWith('}\n')).toBe(true);
    const report = JSON.parse(run.stdout) as Record<string, unknown> & { chain: { underlying: string; rows: unknown[] }; feed: { state: string } };
    expect(report.verdict).toBe('healthy');
    expect(report.exitCode).toBe(0);
    expect(report.mode).toBe('demo');
    expect(report.errors).toEqual([]);
    expect(report.feed.state).toBe('live');
    expect(report.chain.underlying).toBe('NIFTY');
    expect(report.chain.rows.length).toBeGreaterThan(0);
    // The demo's instrument master stays out of the real data folder.
    await expect(readdir(join(dir, 'data'))).rejects.toMatchObject({ code: 'ENOENT' });
  }, 60_000);

  it('never shows the access token on stdout, on stderr (--verbose) or in its log file', async () => {
    sim = await startSimulator({ seed: 3, ticksPerSecond: 50 });
    const env = { ...cleanEnv(dir), ...sim.env(), CHAINLENS_UNDERLYINGS: 'NIFTY', CHAINLENS_KEYCHAIN_SERVICE: 'chainlens-doctor-test', CHAINLENS_LOG_LEVEL: 'debug' };
    const run = await runCli(['--verbose', '--watch', '1'], env);
    expect(run.stdout).toContain(' Credentials        ok (from env) · client 11••••••01');
    expect(run.stderr).toContain('credentials checked');
    expect(run.stdout).not.toContain(sim.accessToken);
    expect(run.stderr).not.toContain(sim.accessToken);
    const log = await readFile(join(dir, 'logs', 'chainlens-doctor.log'), 'utf8');
    expect(log).toContain('"msg":"doctor finished"');
    expect(log).not.toContain(sim.accessToken);
    expect([0, 1]).toContain(run.code);
  }, 60_000);

  it('refuses a bad --watch with the usage on stderr and exit code 64', async () => {
    const run = await runCli(['--watch', 'soon'], cleanEnv(dir));
    expect(run.code).toBe(64);
    expect(run.stdout).toBe('');
    expect(run.stderr.split('\n')[0]).toBe('doctor: --watch needs a number of seconds from 0 to 3600, not "soon".');
    expect(run.stderr).toContain('Usage: npm run doctor -- [options]');
  }, 30_000);
});
