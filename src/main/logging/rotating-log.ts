/**
 * A log written to a day- and size-rotated file with a bounded history, so an app left running
 * for weeks never fills the disk: pino through createLogger (every line redacted) into
 * rotating-file-stream. The Electron main process and the command-line runs each open one.
 */
import { Writable } from 'node:stream';
import { createStream } from 'rotating-file-stream';
import { createLogger, type Logger, type LoggerOptions } from './logger';
import type { Redactor } from './redactor';

export interface RotatingLogOptions {
  readonly logDir: string;
  readonly fileName: string;
  readonly redactor: Redactor;
  /** Default 'info'. */
  readonly level?: LoggerOptions['level'];
  /** Fields on every line. */
  readonly base?: LoggerOptions['base'];
  /** Rotate when the file reaches this size; default '10M'. */
  readonly maxFileSize?: `${number}M` | `${number}K`;
  /** Rotated files kept; default 5. */
  readonly maxFiles?: number;
  /** Also echo the raw lines to stdout (development); default false. */
  readonly teeToStdout?: boolean;
  /** Every line as written (redacted JSON), e.g. for a human-readable copy on a terminal. */
  readonly onLine?: (line: string) => void;
  /** Where failures of the log file itself are reported; default none. */
  readonly onStreamError?: (error: Error) => void;
}

export interface RotatingLog {
  readonly logger: Logger;
  /** Flushes and closes the file; lines logged later (a late timer during exit) are dropped. Safe to call twice. */
  close(): Promise<void>;
}

export function openRotatingLog(options: RotatingLogOptions): RotatingLog {
  const stream = createStream(options.fileName, {
    path: options.logDir,
    size: options.maxFileSize ?? '10M',
    interval: '1d',
    maxFiles: options.maxFiles ?? 5,
    teeToStdout: options.teeToStdout ?? false,
  });
  stream.on('error', (error: Error) => options.onStreamError?.(error));
  let closed = false;
  const gate = new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      if (closed || chunk.length === 0) {
        callback();
        return;
      }
      if (options.onLine) {
        for (const line of chunk.toString().split('\n')) if (line.length > 0) options.onLine(line);
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
        // An empty write completes after every line queued before it. The logger's redacting
        // stream forwards one line at a time, so lines may still be arriving: keep sending
        // markers until one completes with nothing queued behind it.
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
