import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it, onTestFinished } from 'vitest';
import { parseCliArgs } from '../../src/sim/cli-args';

describe('sim command-line flags', () => {
  it('turns flags into simulator options and start-up faults', () => {
    expect(
      parseCliArgs([
        '--port', '9100', '--seed', '7', '--ticks-per-second', '20000', '--market-hours', 'ist', '--compact',
        '--filler-rows', '200000', '--replay', 'x.clrec', '--replay-speed', '4', '--reject-handshakes', '429',
        '--rest-fault', 'html', '--expire-token-in', '60', '--silent',
      ]),
    ).toEqual({
      options: {
        port: 9100,
        seed: 7,
        ticksPerSecond: 20_000,
        marketHours: 'ist',
        scripMasterFormat: 'compact',
        scripMasterFillerRows: 200_000,
        legacyChainFields: false,
        replayFile: 'x.clrec',
        replaySpeed: 4,
      },
      startupFaults: { rejectHandshakes: 429, restFault: { kind: 'html' }, expireTokenInMs: 60_000, silent: true },
      verbose: false,
      help: false,
    });
  });

  it('refuses unknown flags and bad values with SIM_INVALID_OPTIONS', () => {
    expect(() => parseCliArgs(['--bogus'])).toThrow(expect.objectContaining({ code: 'SIM_INVALID_OPTIONS' }));
    expect(() => parseCliArgs(['--market-hours', 'sometimes'])).toThrow(expect.objectContaining({ code: 'SIM_INVALID_OPTIONS' }));
    expect(() => parseCliArgs(['--port', '-1'])).toThrow(expect.objectContaining({ code: 'SIM_INVALID_OPTIONS' }));
  });

  it('prints the env for the app on stdout, serves it, and exits cleanly on SIGINT', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/sim/cli.ts', '--port', '0', '--seed', '3'], {
      cwd: process.cwd(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    onTestFinished(() => {
      if (child.exitCode === null) child.kill('SIGKILL');
    });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        stdout += d.toString();
        if (/DHAN_ACCESS_TOKEN=.*\n/.test(stdout)) resolve();
      });
      child.once('exit', () => reject(new Error(`exited early: ${stderr}`)));
    });
    const env = Object.fromEntries(stdout.trim().split('\n').map((line) => line.split(/=(.*)/s).slice(0, 2)));
    expect(Object.keys(env)).toEqual(['DHAN_API_URL', 'DHAN_FEED_URL', 'DHAN_SCRIP_MASTER_URL', 'DHAN_CLIENT_ID', 'DHAN_ACCESS_TOKEN']);
    const profile = await fetch(`${env.DHAN_API_URL}/profile`, { headers: { 'access-token': env.DHAN_ACCESS_TOKEN!, 'client-id': env.DHAN_CLIENT_ID! } });
    expect(profile.status).toBe(200);
    child.kill('SIGINT');
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
    expect(stderr).toContain('simulated DhanHQ listening');
    expect(stderr).not.toContain(env.DHAN_ACCESS_TOKEN!);
  });
});
