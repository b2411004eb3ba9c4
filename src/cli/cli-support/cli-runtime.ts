/**
 * The engine for a command-line run: createAppRuntime with this process's versions and folders.
 * A demo run gets an always-open market and a memory-only credential store; a live run reads
 * DhanHQ settings from the environment and credentials from the OS keychain.
 */
import { createAppRuntime, type FullAppRuntime } from '../../main/app/create-app-runtime';
import type { Logger } from '../../main/logging/logger';
import type { Redactor } from '../../main/logging/redactor';
import type { VersionInfo } from '../../shared/api/view-types';
import type { AppDirs } from './app-dirs';
import { MemoryCredentialStore } from '../../main/credentials/memory-credential-store';

export interface CliRuntimeOptions {
  readonly demo: boolean;
  readonly dirs: AppDirs;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly appVersion: string;
  readonly logger: Logger;
  readonly redactor: Redactor;
}

/** What a plain Node process can say about itself (no Electron, no Chromium). */
export function nodeVersionInfo(appVersion: string): VersionInfo {
  return { app: appVersion, node: process.versions.node, electron: null, chromium: null, platform: `${process.platform}-${process.arch}` };
}

export function createCliRuntime(options: CliRuntimeOptions): Promise<FullAppRuntime> {
  return createAppRuntime(
    {
      mode: options.demo ? 'demo' : 'live',
      dataDir: options.dirs.dataDir,
      logDir: options.dirs.logDir,
      versions: nodeVersionInfo(options.appVersion),
      logger: options.logger,
      redactor: options.redactor,
      env: options.env,
    },
    options.demo ? { marketHours: 'always-open', credentialStore: new MemoryCredentialStore() } : {},
  );
}
