/**
 * The log of a command-line run: pino (createLogger, so every line passes the Redactor) into a
 * day- and size-rotated file in the log folder, keeping a bounded history, plus the same lines
 * in human-readable form on stderr.
 */
import { mkdirSync } from 'node:fs';
import type { Logger, LoggerOptions } from '../../main/logging/logger';
import type { Redactor } from '../../main/logging/redactor';
import { openRotatingLog } from '../../main/logging/rotating-log';
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
  return openRotatingLog({
    ...options,
    ...(terminal ? { onLine: (line: string) => terminal.write(`${humanLogLine(line)}\n`) } : {}),
    onStreamError: (error) => terminal?.write(`ChainLens: the log file failed: ${error.message}\n`),
  });
}
