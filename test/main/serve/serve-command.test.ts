import { EventEmitter } from 'node:events';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { runServeCommand } from '../../../src/cli/cli-support/serve-command';

/** The parts of `process` the command uses, without touching the test runner's own signals. */
class FakeProcess extends EventEmitter {
  exitCode: number | string | undefined = undefined;
}

describe('the serve command and signals', () => {
  let dir = '';
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('stops cleanly with exit code 0 when SIGTERM arrives while it is still starting', async () => {
    dir = await mkdtemp(join(tmpdir(), 'chainlens-serve-signal-'));
    await mkdir(join(dir, 'renderer'));
    await writeFile(join(dir, 'renderer', 'index.html'), '<!doctype html><title>t</title>');
    const proc = new FakeProcess();
    const forced: number[] = [];
    const starting = runServeCommand({
      argv: [],
      env: {
        CHAINLENS_DATA_DIR: join(dir, 'data'),
        CHAINLENS_LOG_DIR: join(dir, 'logs'),
        CHAINLENS_RENDERER_DIR: join(dir, 'renderer'),
        CHAINLENS_UNDERLYINGS: 'NIFTY',
        CHAINLENS_MAX_EXPIRIES: '1',
      },
      root: process.cwd(),
      stdout: new PassThrough(),
      stderr: new PassThrough(),
      process: proc,
      forceExit: (code) => forced.push(code),
      forceDemo: true,
    });
    // The signal comes before the server is even up: it must be held, not lost or fatal.
    proc.emit('SIGTERM');
    const run = await starting;
    expect(run).not.toBeNull();
    for (let i = 0; i < 200 && proc.exitCode === undefined; i++) await new Promise((resolve) => setTimeout(resolve, 25));
    expect(proc.exitCode).toBe(0);
    expect(forced).toEqual([]);
    // Everything is closed: the server refuses connections.
    const refused = await fetch(run!.server.url).then(
      () => 'answered',
      () => 'refused',
    );
    expect(refused).toBe('refused');
  });
});
