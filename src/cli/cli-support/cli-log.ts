/**
 * The log of a command-line run: pino (createLogger, so every line passes the Redactor) into a
 * day- and size-rotated file in the log folder, keeping a bounded history, plus the same lines
 * in human-readable form on stderr.
 */
import { mkdirSync } from 'node:fs';
import { Writable } from 'node:stream';
import { createStream } from 'rotating-file-stream';
import { createLogger, type Logger, type LoggerOptions } from '../../main/logging/logger';
import type { Redactor } from '../../main/logging/redactor';
import { humanLogLine } from './human-log-line';

export interface CliLogOptions {
  readonly logDir: string;
  /** e.g. 'chainlens-serve.log'; one file per command, so two commands never share a file. */
  readonly fileName: string;
  readonly redactor: Redactor;
  /** Default 'info'. */
  readonly level?: LoggerOptions['level'];
  /** Fields on every line. */
  readonly base?: LoggerOptions['base'];
  /** Where the human-readable copy goes; default process.stderr. Null: file only. */
  readonly terminal?: NodeJS.WritableStream | null;
  /** Rotate at this size; default '10M'. */
  readonly maxFileSize?: `${number}M` | `${number}K`;
  /** Rotated files kept; default 5. */
  readonly maxFiles?: number;
}

export interface CliLog {
  readonly logger: Logger;
  /** Writes what is queued and closes the file; later lines are dropped. Safe to call twice. */
  close(): Promise<void>;
}

export function openCliLog(options: CliLogOptions): CliLog {
  mkdirSync(options.logDir, { recursive: true });
  const terminal = options.terminal === undefined ? process.stderr : options.terminal;
  const file = createStream(options.fileName, {
    path: options.logDir,
    size: options.maxFileSize ?? '10M',
    interval: '1d',
    maxFiles: options.maxFiles ?? 5,
  });
  file.on('error', (error: Error) => terminal?.write(`ChainLens: the log file failed: ${error.message}\n`));
  let closed = false;
  // The sink never waits on the file, so pino's chain drains within a few event-loop turns.
  const sink = new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      if (!closed) {
        const text = chunk.toString();
        file.write(text);
        if (terminal) {
          for (const line of text.split('\n')) if (line.length > 0) terminal.write(`${humanLogLine(line)}\n`);
        }
      }
      callback();
    },
  });
  const logger = createLogger({
    destination: sink,
    redactor: options.redactor,
    level: options.level ?? 'info',
    ...(options.base === undefined ? {} : { base: options.base }),
  });
  let closing: Promise<void> | null = null;
  return {
    logger,
    close() {
      closing ??= (async () => {
        for (let quiet = 0, turns = 0; quiet < 3 && turns < 50; turns++) {
          await new Promise<void>((resolve) => setImmediate(resolve));
          quiet = sink.writableLength === 0 ? quiet + 1 : 0;
        }
        closed = true;
        await new Promise<void>((resolve) => file.end(() => resolve()));
      })();
      return closing;
    },
  };
}
