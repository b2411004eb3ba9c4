/** The machine a report was measured on: enough to judge whether two reports compare. */
import { execFileSync } from 'node:child_process';
import { cpus, loadavg, release, totalmem, type as osType } from 'node:os';

export interface MachineInfo {
  readonly cpu: string;
  readonly cores: number;
  readonly memoryGiB: number;
  readonly os: string;
  readonly node: string;
  readonly v8: string;
  readonly chromium: string;
  readonly loadavg: readonly number[];
}

/** Chromium's version from its binary, or a note saying why it is unknown. */
export function chromiumVersion(executable: string): string {
  try {
    const text = execFileSync(executable, ['--version'], {
      encoding: 'utf8',
      timeout: 10_000,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    return text.trim().split('\n').pop() ?? 'unknown';
  } catch {
    return `not found at ${executable}`;
  }
}

export function machineInfo(chromiumExecutable: string): MachineInfo {
  const list = cpus();
  return {
    cpu: list[0]?.model.trim() ?? 'unknown',
    cores: list.length,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    os: `${osType()} ${release()}`,
    node: process.version,
    v8: process.versions.v8,
    chromium: chromiumVersion(chromiumExecutable),
    loadavg: loadavg().map((v) => Math.round(v * 100) / 100),
  };
}
