import { ERROR_CATALOG, type ErrorCode, type Severity } from './error-catalog';

/**
 * A problem as the user, support staff and the doctor command see it: a stable code, what
 * happened in this instance, and what to do about it. Plain data, safe to send over IPC.
 */
export interface AppProblem {
  readonly code: ErrorCode;
  readonly severity: Severity;
  readonly title: string;
  /** What happened this time, in plain words. Never contains a secret. */
  readonly message: string;
  readonly remedy: string;
  /** Epoch milliseconds when the problem was first seen. */
  readonly sinceMs?: number;
}

/** Builds a problem from the catalogue; `message` defaults to the catalogue title. */
export function problemOf(code: ErrorCode, message?: string, sinceMs?: number): AppProblem {
  const { title, remedy, severity } = ERROR_CATALOG[code];
  return {
    code,
    severity,
    title,
    message: message ?? title,
    remedy,
    ...(sinceMs === undefined ? {} : { sinceMs }),
  };
}

/**
 * The one error type thrown across boundaries (REST client, feed, engine, API). `context`
 * carries what is needed to act on it and must never hold a secret.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly context: Readonly<Record<string, string | number | boolean | null>>;

  constructor(
    code: ErrorCode,
    message?: string,
    context: Record<string, string | number | boolean | null> = {},
    options?: { cause?: unknown },
  ) {
    super(message ?? ERROR_CATALOG[code].title, options);
    this.name = 'AppError';
    this.code = code;
    this.context = context;
  }

  toProblem(sinceMs?: number): AppProblem {
    return problemOf(this.code, this.message, sinceMs);
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}
