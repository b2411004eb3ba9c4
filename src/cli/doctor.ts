/**
 * `npm run doctor -- [--json] [--watch SECONDS] [--underlying SYMBOL] [--expiry YYYY-MM-DD]
 * [--demo] [--verbose]`: runs the startup path headlessly and reports, in plain words or as one
 * JSON object, what works and what does not (docs/doctor.md). The exit code is the verdict.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DOCTOR_USAGE, DOCTOR_USAGE_EXIT_CODE, parseDoctorArgs, type DoctorCliOptions } from '../main/doctor/doctor-args';
import { runDoctor } from '../main/doctor/run-doctor';
import { Redactor } from '../main/logging/redactor';
import { resolveAppDirs } from './cli-support/app-dirs';
import { describeFailure } from './cli-support/cli-failure';
import { openCliLog } from './cli-support/cli-log';
import { nodeVersionInfo } from './cli-support/cli-runtime';
import { startDemoMarket, type DemoMarket } from './cli-support/demo-market';
import { MemoryCredentialStore } from '../main/credentials/memory-credential-store';
import { packageVersion, projectRoot } from './cli-support/project-paths';

const DOCTOR_LOG_FILE = 'chainlens-doctor.log';
const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;
/** The doctor itself broke (not a diagnosis): BSD EX_SOFTWARE. */
const CRASH_EXIT_CODE = 70;

async function doctor(options: DoctorCliOptions, redactor: Redactor): Promise<number> {
  const env = process.env;
  const dirs = resolveAppDirs({ env, platform: process.platform, homeDir: homedir() });
  const log = openCliLog({
    logDir: dirs.logDir,
    fileName: DOCTOR_LOG_FILE,
    redactor,
    level: LOG_LEVELS.find((level) => level === env.CHAINLENS_LOG_LEVEL) ?? 'info',
    base: { app: 'chainlens', mode: options.demo ? 'demo' : 'live', frontDoor: 'doctor' },
    // stdout carries only the report; the log goes to stderr only when asked for.
    terminal: options.verbose ? process.stderr : null,
  });
  let demo: DemoMarket | null = null;
  // A demo run keeps its instrument master apart: the simulator's file must never become the real cache.
  let scratch: string | null = null;
  try {
    if (options.demo) {
      demo = await startDemoMarket({ logger: log.logger, redactor });
      scratch = await mkdtemp(join(tmpdir(), 'chainlens-doctor-demo-'));
    }
    const run = await runDoctor({
      env: { ...env, ...(demo?.env() ?? {}) },
      dataDir: scratch ?? dirs.dataDir,
      logDir: dirs.logDir,
      mode: options.demo ? 'demo' : 'live',
      watchSeconds: options.watchSeconds,
      underlying: options.underlying,
      ...(options.expiry === null ? {} : { expiry: options.expiry }),
      log: { logger: log.logger, redactor },
      versions: nodeVersionInfo(packageVersion(projectRoot())),
      runtime: options.demo ? { marketHours: 'always-open', credentialStore: new MemoryCredentialStore() } : {},
    });
    process.stdout.write(options.json ? `${JSON.stringify(run.report)}\n` : run.text);
    return run.report.exitCode;
  } finally {
    await demo?.close();
    if (scratch !== null) await rm(scratch, { recursive: true, force: true });
    await log.close();
  }
}

async function main(): Promise<number> {
  const args = parseDoctorArgs(process.argv.slice(2));
  if (args.kind === 'help') {
    process.stdout.write(`${DOCTOR_USAGE}\n`);
    return 0;
  }
  if (args.kind === 'error') {
    process.stderr.write(`doctor: ${args.message}\n\n${DOCTOR_USAGE}\n`);
    return DOCTOR_USAGE_EXIT_CODE;
  }
  const redactor = new Redactor();
  try {
    return await doctor(args.options, redactor);
  } catch (error) {
    process.stderr.write(describeFailure(error, redactor));
    return CRASH_EXIT_CODE;
  }
}

void main().then((code) => {
  process.exitCode = code;
});
