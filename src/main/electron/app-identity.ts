/**
 * Which mode the app runs in, and the version line shown in diagnostics and support bundles.
 */
import type { AppMode, VersionInfo } from '../../shared/api/view-types';
import type { ProcessPort } from './electron-ports';

/** Demo mode (the built-in simulated market) is chosen by `--demo` or CHAINLENS_MODE=demo. */
export function resolveAppMode(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): AppMode {
  return argv.includes('--demo') || env['CHAINLENS_MODE'] === 'demo' ? 'demo' : 'live';
}

export function versionInfo(
  appVersion: string,
  process: Pick<ProcessPort, 'versions' | 'platform' | 'arch'>,
): VersionInfo {
  return {
    app: appVersion,
    node: process.versions['node'] ?? 'unknown',
    electron: process.versions['electron'] ?? null,
    chromium: process.versions['chrome'] ?? null,
    platform: `${process.platform}-${process.arch}`,
  };
}
