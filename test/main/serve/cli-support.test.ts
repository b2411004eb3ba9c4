import { EventEmitter } from 'node:events';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolveAppDirs } from '../../../src/cli/cli-support/app-dirs';
import { findElectronBinary } from '../../../src/cli/cli-support/electron-binary';
import { humanLogLine } from '../../../src/cli/cli-support/human-log-line';
import { parseServeArgs } from '../../../src/cli/cli-support/serve-args';
import { shutdownOnSignals, type ShutdownSignal } from '../../../src/cli/cli-support/shutdown-signals';
import { createMemoryLogger } from '../../../src/main/logging/logger';
import { Redactor } from '../../../src/main/logging/redactor';
import { AppError } from '../../../src/shared/errors/app-error';

describe('resolveAppDirs', () => {
  it('uses CHAINLENS_DATA_DIR and CHAINLENS_LOG_DIR when set', () => {
    expect(resolveAppDirs({ env: { CHAINLENS_DATA_DIR: '/srv/cl', CHAINLENS_LOG_DIR: '/var/log/cl' }, platform: 'linux', homeDir: '/home/a' })).toEqual({
      dataDir: '/srv/cl',
      logDir: '/var/log/cl',
    });
  });

  it('follows XDG on Linux, ignoring a relative XDG_DATA_HOME', () => {
    expect(resolveAppDirs({ env: {}, platform: 'linux', homeDir: '/home/a' })).toEqual({
      dataDir: '/home/a/.local/share/ChainLens',
      logDir: '/home/a/.local/share/ChainLens/logs',
    });
    expect(resolveAppDirs({ env: { XDG_DATA_HOME: '/data/x' }, platform: 'linux', homeDir: '/home/a' })).toEqual({
      dataDir: '/data/x/ChainLens',
      logDir: '/data/x/ChainLens/logs',
    });
    expect(resolveAppDirs({ env: { XDG_DATA_HOME: 'relative/x' }, platform: 'linux', homeDir: '/home/a' }).dataDir).toBe('/home/a/.local/share/ChainLens');
  });

  it('uses Application Support and Logs on macOS', () => {
    expect(resolveAppDirs({ env: {}, platform: 'darwin', homeDir: '/Users/a' })).toEqual({
      dataDir: '/Users/a/Library/Application Support/ChainLens',
      logDir: '/Users/a/Library/Logs/ChainLens',
    });
  });

  it('uses %APPDATA% on Windows, and the roaming profile when it is unset', () => {
    expect(resolveAppDirs({ env: { APPDATA: 'C:\\Users\\a\\AppData\\Roaming' }, platform: 'win32', homeDir: 'C:\\Users\\a' })).toEqual({
      dataDir: 'C:\\Users\\a\\AppData\\Roaming\\ChainLens',
      logDir: 'C:\\Users\\a\\AppData\\Roaming\\ChainLens\\logs',
    });
    expect(resolveAppDirs({ env: {}, platform: 'win32', homeDir: 'C:\\Users\\b' }).dataDir).toBe('C:\\Users\\b\\AppData\\Roaming\\ChainLens');
  });
});

describe('humanLogLine', () => {
  it('turns a pino line into time, level, message and fields', () => {
    const line = JSON.stringify({ level: 40, time: Date.UTC(2025, 9, 6, 4, 45, 7), app: 'chainlens', msg: 'feed dropped', code: 805, detail: { a: 1 }, where: 'feed' });
    expect(humanLogLine(line, 'Asia/Kolkata')).toBe('10:15:07 WARN  feed dropped  code=805  detail={"a":1}  where=feed');
  });

  it('passes anything that is not a pino object through unchanged', () => {
    expect(humanLogLine('plain text')).toBe('plain text');
    expect(humanLogLine('[1,2]')).toBe('[1,2]');
  });
});

describe('parseServeArgs', () => {
  it('defaults to live mode on a free port with seed 1', () => {
    expect(parseServeArgs([])).toEqual({ help: false, demo: false, port: 0, seed: 1 });
  });

  it('reads --demo, --port and --seed', () => {
    expect(parseServeArgs(['--demo', '--port', '8123', '--seed=9'])).toEqual({ help: false, demo: true, port: 8123, seed: 9 });
  });

  it.each([[['--port', '70000']], [['--port', '-1']], [['--port', '12ab']], [['--verbose']], [['extra']]])('refuses %j with SERVE_INVALID_ARGUMENTS', (argv) => {
    expect(() => parseServeArgs(argv)).toThrow(AppError);
    try {
      parseServeArgs(argv);
    } catch (error) {
      expect((error as AppError).code).toBe('SERVE_INVALID_ARGUMENTS');
    }
  });
});

describe('findElectronBinary', () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'chainlens-electron-'));
    await mkdir(join(root, 'node_modules', 'electron', 'dist'), { recursive: true });
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  it('reports a missing path.txt without loading the electron package', () => {
    expect(findElectronBinary(root, {})).toEqual({ found: false, reason: 'node_modules/electron/path.txt is missing' });
  });

  it('reports a path.txt whose binary was never downloaded', async () => {
    await writeFile(join(root, 'node_modules', 'electron', 'path.txt'), 'electron');
    expect(findElectronBinary(root, {})).toEqual({ found: false, reason: `${join(root, 'node_modules', 'electron', 'dist', 'electron')} is missing` });
  });

  it('finds the binary named by path.txt, or under ELECTRON_OVERRIDE_DIST_PATH', async () => {
    await writeFile(join(root, 'node_modules', 'electron', 'path.txt'), 'electron');
    await writeFile(join(root, 'node_modules', 'electron', 'dist', 'electron'), '');
    expect(findElectronBinary(root, {})).toEqual({ found: true, path: join(root, 'node_modules', 'electron', 'dist', 'electron') });
    await mkdir(join(root, 'custom'));
    await writeFile(join(root, 'custom', 'electron'), '');
    expect(findElectronBinary(root, { ELECTRON_OVERRIDE_DIST_PATH: join(root, 'custom') })).toEqual({ found: true, path: join(root, 'custom', 'electron') });
  });
});

describe('shutdownOnSignals', () => {
  class FakeProcess extends EventEmitter {
    exitCode: number | string | undefined = undefined;
    send(signal: ShutdownSignal): void {
      this.emit(signal);
    }
  }

  it('stops once on the first signal and sets exit code 0', async () => {
    const proc = new FakeProcess();
    let stops = 0;
    const forced: number[] = [];
    const { logger } = createMemoryLogger(new Redactor());
    const handle = shutdownOnSignals({ process: proc, stop: () => Promise.resolve(void (stops += 1)), logger, forceExit: (code) => forced.push(code) });
    proc.send('SIGTERM');
    await handle.shutdown('test');
    expect(stops).toBe(1);
    expect(proc.exitCode).toBe(0);
    expect(forced).toEqual([]);
    handle.dispose();
    expect(proc.listenerCount('SIGINT') + proc.listenerCount('SIGTERM')).toBe(0);
  });

  it('forces the exit with 130 on a second Ctrl+C while the stop hangs', async () => {
    const proc = new FakeProcess();
    const forced: number[] = [];
    const { logger, lines } = createMemoryLogger(new Redactor());
    const handle = shutdownOnSignals({ process: proc, stop: () => new Promise<void>(() => undefined), logger, forceExit: (code) => forced.push(code) });
    proc.send('SIGINT');
    expect(forced).toEqual([]);
    proc.send('SIGINT');
    expect(forced).toEqual([130]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines().some((l) => l.includes('second signal'))).toBe(true);
    handle.dispose();
  });

  it('sets exit code 1 and logs when the stop fails', async () => {
    const proc = new FakeProcess();
    const { logger, lines } = createMemoryLogger(new Redactor());
    const handle = shutdownOnSignals({ process: proc, stop: () => Promise.reject(new Error('feed would not close')), logger, forceExit: () => undefined });
    await handle.shutdown('test');
    expect(proc.exitCode).toBe(1);
    expect(lines().some((l) => l.includes('shutdown failed') && l.includes('feed would not close'))).toBe(true);
    handle.dispose();
  });
});
