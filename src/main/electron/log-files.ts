/**
 * The main process's log: pino (src/main/logging/logger.ts, every line redacted) into a
 * size- and day-rotated file in the OS log folder, keeping a bounded history so an app left
 * running for weeks never fills the disk. Support bundles read the same folder.
 */
import type { Logger, LoggerOptions } from '../logging/logger';
import type { Redactor } from '../logging/redactor';
import { openRotatingLog } from '../logging/rotating-log';

export const LOG_FILE_NAME = 'chainlens.log';

export interface FileLogOptions {
  /** The OS log folder (app.getPath('logs')). */
  readonly logDir: string;
  readonly redactor: Redactor;
  /** Default 'info'. */
  readonly level?: LoggerOptions['level'];
  /** Fields on every line. */
  readonly base?: LoggerOptions['base'];
  /** Rotate when the file reaches this size; default '10M'. */
  readonly maxFileSize?: `${number}M` | `${number}K`;
  /** Rotated files kept; default 10. */
  readonly maxFiles?: number;
  /** Also echo lines to stdout (development); default false. */
  readonly teeToStdout?: boolean;
  /** Where failures of the log file itself are reported; default none. */
  readonly onStreamError?: (error: Error) => void;
}

export interface FileLog {
  readonly logger: Logger;
  /** Flushes and closes the file; later log lines are dropped. Safe to call twice. */
  close(): Promise<void>;
}

export function openFileLog(options: FileLogOptions): FileLog {
  return openRotatingLog({ ...options, fileName: LOG_FILE_NAME, maxFiles: options.maxFiles ?? 10 });
}
