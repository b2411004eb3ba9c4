/**
 * The main process's log: pino (src/main/logging/logger.ts, every line redacted) into a
 * size- and day-rotated file in the OS log folder, keeping a bounded history so an app left
 * running for weeks never fills the disk. Support bundles read the same folder.
 */
import { openRotatingLog, type RotatingLog, type RotatingLogOptions } from '../logging/rotating-log';

export const LOG_FILE_NAME = 'chainlens.log';

/** The rotating log's options; the file name is the app's, and at most 10 rotated files are kept by default. */
export type FileLogOptions = Omit<RotatingLogOptions, 'fileName' | 'onLine'>;

export type FileLog = RotatingLog;

export function openFileLog(options: FileLogOptions): FileLog {
  return openRotatingLog({ ...options, fileName: LOG_FILE_NAME, maxFiles: options.maxFiles ?? 10 });
}
