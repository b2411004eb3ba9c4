/**
 * Structured logging for the main process (pino). Library code receives a `Logger` and never
 * imports a global one. Every line passes through the Redactor before it is written.
 */
import { Writable } from 'node:stream';
import pino from 'pino';
import type { Redactor } from './redactor';

export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(fields: LogFields, message: string): void;
  info(fields: LogFields, message: string): void;
  warn(fields: LogFields, message: string): void;
  error(fields: LogFields, message: string): void;
  child(bindings: LogFields): Logger;
}

export interface LoggerOptions {
  /** Default 'info'. */
  readonly level?: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  /** Where lines go after redaction (a file stream, stderr, a memory sink). */
  readonly destination: NodeJS.WritableStream;
  readonly redactor: Redactor;
  /** Fields on every line, e.g. { app: 'chainlens', mode: 'demo' }. */
  readonly base?: LogFields;
}

export function createLogger(options: LoggerOptions): Logger {
  const { destination, redactor } = options;
  const redacting = new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      destination.write(redactor.redact(chunk.toString()), () => callback());
    },
  });
  return pino(
    {
      level: options.level ?? 'info',
      base: options.base ?? null,
      redact: { paths: ['accessToken', '*.accessToken', 'token', '*.token', 'headers["access-token"]'], censor: '[REDACTED]' },
    },
    redacting,
  ) as unknown as Logger;
}

/** A logger that keeps lines in memory; for tests and the support bundle's recent-log view. */
export function createMemoryLogger(redactor: Redactor, level: LoggerOptions['level'] = 'debug'): {
  logger: Logger;
  lines: () => string[];
} {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      lines.push(...chunk.toString().split('\n').filter((l) => l.length > 0));
      callback();
    },
  });
  return { logger: createLogger({ destination: sink, redactor, level }), lines: () => [...lines] };
}
