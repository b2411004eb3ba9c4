/**
 * The main process's log: pino (src/main/logging/logger.ts, every line redacted) into a
 * size- and day-rotated file in the OS log folder, keeping a bounded history so an app left
 * running for weeks never fills the disk. Support bundles read the same folder.
 */
import { Writable } from 'node:stream';
import { createStream, type RotatingFileStream } from 'rotating-file-stream';
import { createLogger, type Logger, type LoggerOptions } from '../logging/logger';
import type { Redactor } from '../logging/redactor';

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
  const stream: RotatingFileStream = createStream(LOG_FILE_NAME, {
    path: options.logDir,
    size: options.maxFileSize ?? '10M',
    interval: '1d',
    maxFiles: options.maxFiles ?? 10,
    teeToStdout: options.teeToStdout ?? false,
  });
  stream.on('error', (error: Error) => options.onStreamError?.(error));
  let closed = false;
  // Lines logged after close (a late timer during exit) are dropped instead of erroring the file stream.
  const gate = new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      if (closed || chunk.length === 0) {
        callback();
        return;
      }
      stream.write(chunk, () => callback());
    },
  });
  const logger = createLogger({
    destination: gate,
    redactor: options.redactor,
    level: options.level ?? 'info',
    ...(options.base === undefined ? {} : { base: options.base }),
  });
  let closing: Promise<void> | null = null;
  return {
    logger,
    close() {
      closing ??= new Promise<void>((resolve) => {
        // An empty write completes after every line queued before it. The logger's own
        // redacting stream forwards one line at a time, so lines may still be arriving: keep
        // sending markers until one completes with nothing queued behind it.
        const flushThenEnd = (): void => {
          gate.write(Buffer.alloc(0), () => {
            if (gate.writableLength > 0) {
              flushThenEnd();
              return;
            }
            closed = true;
            stream.end(() => resolve());
          });
        };
        flushThenEnd();
      });
      return closing;
    },
  };
}
