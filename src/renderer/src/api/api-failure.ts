/**
 * Failed ApiResults made in the page itself (a lost socket, a timeout), shaped exactly like the
 * ones the engine sends, so callers handle one kind of failure.
 */
import type { ApiErrorPayload, ApiResult } from '../../../shared/api/api-contract';
import { ERROR_CATALOG, type ErrorCode } from '../../../shared/errors/error-catalog';

/** The payload for `code` with this instance's message and the catalogue's remedy. */
export function errorPayload(code: ErrorCode, message?: string): ApiErrorPayload {
  return { code, message: message ?? ERROR_CATALOG[code].title, remedy: ERROR_CATALOG[code].remedy };
}

/** A failed ApiResult for `code`. */
export function failed(code: ErrorCode, message?: string): ApiResult<never> {
  return { ok: false, error: errorPayload(code, message) };
}

/**
 * Runs an invoke, which by the contract never throws; if a broken transport throws anyway, the
 * failure comes back as API_INTERNAL like any other, naming the operation.
 */
export async function invokeSafely<T>(
  operation: string,
  call: () => Promise<ApiResult<T>>,
): Promise<ApiResult<T>> {
  try {
    return await call();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return failed('API_INTERNAL', `${operation} failed in the page: ${message}`);
  }
}
