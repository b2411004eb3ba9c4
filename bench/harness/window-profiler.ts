/**
 * CPU profile of a measurement window only (not start-up), written when profiling was asked
 * for with `npm run bench -- --profile DIR`. Uses the inspector protocol in-process.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';
import { PROFILE_ENV } from './role-ipc';

export class WindowProfiler {
  private session: Session | null = null;

  /** @param name part of the file name, e.g. 'feed-e2e-engine'. */
  constructor(private readonly name: string) {}

  get enabled(): boolean {
    return process.env[PROFILE_ENV] !== undefined;
  }

  async start(): Promise<void> {
    if (!this.enabled || this.session) return;
    const session = new Session();
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 200 });
    await session.post('Profiler.start');
    this.session = session;
  }

  /** Stops and writes `<dir>/<name>-<pid>-<time>.window.cpuprofile`; returns its path, or null when not profiling. */
  async stop(): Promise<string | null> {
    const session = this.session;
    if (!session) return null;
    this.session = null;
    const { profile } = await session.post('Profiler.stop');
    session.disconnect();
    const file = join(
      process.env[PROFILE_ENV] as string,
      `${this.name}-${process.pid}-${Date.now()}.window.cpuprofile`,
    );
    writeFileSync(file, JSON.stringify(profile));
    return file;
  }
}
