/**
 * The port between the front doors (Electron shell, browser mode, doctor) and the engine.
 * `createAppRuntime` (src/main/app/create-app-runtime.ts) builds the whole engine from these
 * options; front doors only start it, connect clients to `backend`, and stop it.
 */
import type { ApiBackend } from '../../shared/api/api-session';
import type { AppMode, UpdaterStatus, VersionInfo } from '../../shared/api/view-types';
import type { Logger } from '../logging/logger';
import type { Redactor } from '../logging/redactor';

export interface AppRuntimeOptions {
  readonly mode: AppMode;
  /** Where the instrument-master cache, recordings and support bundles go. */
  readonly dataDir: string;
  /** The folder holding the rotating log files (read back into support bundles). */
  readonly logDir: string;
  readonly versions: VersionInfo;
  readonly logger: Logger;
  readonly redactor: Redactor;
  /** Environment to read DHAN_* settings from (process.env in production). */
  readonly env: Readonly<Record<string, string | undefined>>;
}

export interface AppRuntime {
  readonly backend: ApiBackend;
  /** Runs the startup path (credentials → instrument master → skeleton → feed); never rejects. */
  start(): Promise<void>;
  /** Closes the feed (with a timeout), flushes recordings and logs; safe to call twice. */
  stop(): Promise<void>;
  /** The Electron updater reports its state here so diagnostics can show it. */
  setUpdaterStatus(status: UpdaterStatus): void;
}
