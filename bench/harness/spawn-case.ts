/**
 * Runs one bundled case in a fresh `node` process (one benchmark per process, so JIT state,
 * heap and sockets never leak from one into the next) and reads back its CaseResult.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import type { CaseConfig, CaseResult } from './bench-result';
import { PROFILE_ENV } from './role-ipc';

export interface SpawnCaseOptions {
  readonly file: string;
  readonly config: CaseConfig;
  /** Extra node flags, e.g. --expose-gc. Default none. */
  readonly nodeArgs?: readonly string[];
  /** The child is killed after this long. */
  readonly timeoutMs: number;
  /** Write V8 CPU profiles of the case and its helper processes here. Default: none. */
  readonly profileDir?: string;
}

/** Never rejects: a crash, a timeout or a missing result becomes a CaseResult with `error`. */
export function spawnCase(options: SpawnCaseOptions): Promise<CaseResult> {
  const { file, config } = options;
  rmSync(config.resultFile, { force: true });
  const started = Date.now();
  return new Promise((resolve) => {
    const profile = options.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.profileDir}`] : [];
    const env = options.profileDir ? { ...process.env, [PROFILE_ENV]: options.profileDir } : process.env;
    const child = spawn(
      process.execPath,
      [...(options.nodeArgs ?? []), ...profile, '--enable-source-maps', file, JSON.stringify(config)],
      {
        stdio: ['ignore', 'inherit', 'inherit'],
        env,
      },
    );
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.timeoutMs);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (existsSync(config.resultFile)) {
        resolve(JSON.parse(readFileSync(config.resultFile, 'utf8')) as CaseResult);
        return;
      }
      const why = timedOut
        ? `timed out after ${options.timeoutMs} ms`
        : `exited with ${signal ?? `code ${code}`} and no result`;
      resolve({
        name: config.name,
        title: config.name,
        workload: '',
        figures: [],
        notes: [],
        loadavg: { start: [], end: [] },
        durationMs: Date.now() - started,
        error: `the benchmark process ${why}`,
      });
    });
  });
}
