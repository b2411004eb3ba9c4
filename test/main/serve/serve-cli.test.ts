import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SERVE_LOG_FILE } from '../../../src/cli/cli-support/browser-mode';
import { get, waitFor } from './serve-fixture';

const ROOT = resolve(__dirname, '../../..');
const PAGE = '<!doctype html><title>served by the CLI test</title>';

interface Run {
  readonly child: ChildProcess;
  readonly stdout: () => string;
  readonly stderr: () => string;
  readonly exit: Promise<number | null>;
}

/** Runs a CLI entry point under tsx, as `npm run` does, with folders inside `dir`. */
function runCli(entry: string, args: string[], dir: string, env: Record<string, string> = {}): Run {
  const child = spawn(process.execPath, ['--import', 'tsx', entry, ...args], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: dir,
      CHAINLENS_DATA_DIR: join(dir, 'data'),
      CHAINLENS_LOG_DIR: join(dir, 'logs'),
      CHAINLENS_RENDERER_DIR: join(dir, 'renderer'),
      CHAINLENS_UNDERLYINGS: 'NIFTY',
      CHAINLENS_MAX_EXPIRIES: '1',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exit = new Promise<number | null>((resolveExit) => child.once('exit', (code) => resolveExit(code)));
  return { child, stdout: () => out, stderr: () => err, exit };
}

const URL_PATTERN = /http:\/\/127\.0\.0\.1:(\d+)\/\?key=([A-Za-z0-9_-]{43})/;

describe('the serve and demo commands', () => {
  let dir: string;
  let running: Run | null = null;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'chainlens-cli-'));
    await mkdir(join(dir, 'renderer'));
    await writeFile(join(dir, 'renderer', 'index.html'), PAGE);
  });
  afterEach(async () => {
    if (running && running.child.exitCode === null) {
      running.child.kill('SIGKILL');
      await running.exit;
    }
    running = null;
    await rm(dir, { recursive: true, force: true });
  });

  it('serve --demo prints the URL, serves the page, and on SIGINT stops cleanly with exit code 0', async () => {
    const run = (running = runCli('src/cli/serve.ts', ['--demo'], dir));
    const match = await waitFor(() => URL_PATTERN.exec(run.stdout()) ?? (run.child.exitCode !== null ? 'exited' : undefined), 'the URL', 20_000);
    expect(match, run.stderr()).not.toBe('exited');
    const [url] = match as RegExpExecArray;
    expect(run.stdout()).toContain('SIMULATED');
    const page = await get(url);
    expect(page.status).toBe(200);
    expect(page.text).toBe(PAGE);
    // The URL is printed as soon as the server listens; the engine may still be loading the
    // instrument master. Let it finish so the saved copy can be checked below.
    for (let i = 0; i < 400 && !(await readdir(join(dir, 'data')).catch((): string[] => [])).includes('instrument-master'); i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(await readdir(join(dir, 'data'))).toContain('instrument-master');
    run.child.kill('SIGINT');
    expect(await run.exit).toBe(0);
    const log = await readFile(join(dir, 'logs', SERVE_LOG_FILE), 'utf8');
    expect(log).toContain('"msg":"browser mode listening"');
    expect(log).toContain('"msg":"simulated DhanHQ closed"');
    expect(log).not.toContain((match as RegExpExecArray)[2]);
    expect(run.stderr()).toContain('INFO  stopping (send the signal again to force)  signal=SIGINT');
  });

  it('serve says what to build and exits 1 when the built renderer is missing', async () => {
    await rm(join(dir, 'renderer'), { recursive: true });
    const run = (running = runCli('src/cli/serve.ts', ['--demo'], dir));
    expect(await run.exit).toBe(1);
    expect(run.stderr()).toContain('[SERVE_RENDERER_MISSING]');
    expect(run.stderr()).toContain('npx electron-vite build');
    expect(run.stdout()).toBe('');
  });

  it('demo without an Electron binary says so in one line, then runs the browser mode on the simulator', async () => {
    const run = (running = runCli('src/cli/demo.ts', [], dir, { ELECTRON_OVERRIDE_DIST_PATH: join(dir, 'no-electron') }));
    const match = await waitFor(() => URL_PATTERN.exec(run.stdout()) ?? (run.child.exitCode !== null ? 'exited' : undefined), 'the URL', 20_000);
    expect(match, run.stderr()).not.toBe('exited');
    expect(run.stdout().split('\n')[0]).toBe(
      `The Electron binary is not installed here (ELECTRON_OVERRIDE_DIST_PATH points at no binary: ${join(dir, 'no-electron', 'electron')} is missing); starting the browser mode on the simulated market instead.`,
    );
    expect(run.stdout()).toContain('SIMULATED');
    run.child.kill('SIGTERM');
    expect(await run.exit).toBe(0);
  });
});
