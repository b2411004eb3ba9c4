/**
 * DhanHQ reports REST failures in two unrelated envelopes, sometimes with HTTP 200, and
 * sometimes not as JSON at all (a 401 HTML page). Everything is read here into one AppError
 * with a REST_* code and the context to act on it: { httpStatus, dhanCode, endpoint }.
 *
 * - Trading style: {"errorType": "Invalid_Authentication", "errorCode": "DH-901", "errorMessage": "…"}
 * - Data style:    {"data": {"806": "Data APIs not Subscribed"}, "status": "failed"} (also "Data")
 *
 * 806 means "no Data-API plan", not "bad token" (the most common misdiagnosis).
 */
import { AppError } from '../../shared/errors/app-error';
import type { ErrorCode } from '../../shared/errors/error-catalog';
import { DATA_API_CODE_MEANING } from '../../shared/feed/disconnect-codes';

const TRADING_CODES: Readonly<Record<string, ErrorCode>> = Object.freeze({
  'DH-901': 'REST_AUTH_INVALID',
  'DH-902': 'REST_NO_DATA_PLAN',
  'DH-903': 'REST_ACCOUNT_PROBLEM',
  'DH-904': 'REST_RATE_LIMITED',
  'DH-905': 'REST_BAD_REQUEST',
  'DH-906': 'REST_BAD_REQUEST',
  'DH-907': 'REST_BAD_REQUEST',
  'DH-908': 'REST_SERVER_ERROR',
  'DH-909': 'REST_SERVER_ERROR',
  'DH-910': 'REST_UNEXPECTED',
  'DH-911': 'REST_UNEXPECTED',
});

const DATA_CODES: Readonly<Record<string, ErrorCode>> = Object.freeze({
  '800': 'REST_SERVER_ERROR',
  '804': 'REST_BAD_REQUEST',
  '805': 'REST_RATE_LIMITED',
  '806': 'REST_NO_DATA_PLAN',
  '807': 'REST_AUTH_EXPIRED',
  '808': 'REST_AUTH_INVALID',
  '809': 'REST_AUTH_INVALID',
  '810': 'REST_AUTH_INVALID',
  '811': 'REST_BAD_REQUEST',
  '812': 'REST_BAD_REQUEST',
  '813': 'REST_BAD_REQUEST',
  '814': 'REST_BAD_REQUEST',
});

/** Error codes worth another attempt for an idempotent read. */
export const RETRYABLE_REST_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'REST_RATE_LIMITED',
  'REST_SERVER_ERROR',
  'REST_TIMEOUT',
  'REST_UNREACHABLE',
]);

/**
 * Parses a response body (already read as text) into an AppError when it is an error, or null
 * when it is a success to be parsed by the caller. `json` is the parsed body, or undefined
 * when the text was not JSON. `endpoint` is a path, never a URL with secrets.
 */
export function restErrorOf(httpStatus: number, json: unknown, endpoint: string): AppError | null {
  if (json === undefined) return notJsonError(httpStatus, endpoint);
  const envelope = dhanEnvelope(json);
  if (envelope !== null) {
    const code =
      envelope.style === 'trading'
        ? (TRADING_CODES[envelope.dhanCode] ?? byStatus(httpStatus))
        : (DATA_CODES[envelope.dhanCode] ?? byStatus(httpStatus));
    return new AppError(
      code,
      `DhanHQ answered ${envelope.dhanCode} "${envelope.message}" (HTTP ${httpStatus}) on ${endpoint}`,
      {
        httpStatus,
        dhanCode: envelope.dhanCode,
        endpoint,
      },
    );
  }
  if (httpStatus >= 200 && httpStatus < 300) return null;
  const detail = otherShapeDetail(json);
  return new AppError(
    byStatus(httpStatus),
    `DhanHQ answered HTTP ${httpStatus}${detail ? ` (${detail})` : ''} on ${endpoint}`,
    {
      httpStatus,
      dhanCode: otherShapeCode(json),
      endpoint,
    },
  );
}

interface DhanEnvelope {
  readonly style: 'trading' | 'data';
  readonly dhanCode: string;
  readonly message: string;
}

/** Recognises either error envelope; null for anything else (including success bodies). */
export function dhanEnvelope(json: unknown): DhanEnvelope | null {
  if (!isRecord(json)) return null;
  const errorCode = json['errorCode'];
  if (typeof errorCode === 'string' && /^DH-\d+$/.test(errorCode)) {
    const message = json['errorMessage'];
    return {
      style: 'trading',
      dhanCode: errorCode,
      message: typeof message === 'string' ? message : String(json['errorType'] ?? ''),
    };
  }
  const data = json['data'] ?? json['Data'];
  if (isRecord(data) && json['status'] !== 'success') {
    const keys = Object.keys(data);
    const first = keys[0];
    if (first !== undefined && keys.every((k) => /^\d{3}$/.test(k))) {
      const message = data[first];
      return {
        style: 'data',
        dhanCode: first,
        message: typeof message === 'string' ? message : (DATA_API_CODE_MEANING[Number(first)] ?? ''),
      };
    }
  }
  return null;
}

function notJsonError(httpStatus: number, endpoint: string): AppError {
  // A proxy's or gateway's HTML page on 5xx/429 is still a server error or a rate limit worth retrying.
  const code: ErrorCode =
    httpStatus >= 500 ? 'REST_SERVER_ERROR' : httpStatus === 429 ? 'REST_RATE_LIMITED' : 'REST_NOT_JSON';
  return new AppError(
    code,
    `DhanHQ answered HTTP ${httpStatus} with a body that is not JSON on ${endpoint}`,
    {
      httpStatus,
      dhanCode: null,
      endpoint,
    },
  );
}

function byStatus(httpStatus: number): ErrorCode {
  if (httpStatus === 401 || httpStatus === 403) return 'REST_AUTH_INVALID';
  if (httpStatus === 429) return 'REST_RATE_LIMITED';
  if (httpStatus === 400 || httpStatus === 422) return 'REST_BAD_REQUEST';
  if (httpStatus >= 500) return 'REST_SERVER_ERROR';
  return 'REST_UNEXPECTED';
}

/** Spring-style {"error": "Not Found"} or {"errorCode": "INTERNAL_SERVER_ERROR", "internalErrorCode": "RS-9005"}. */
function otherShapeDetail(json: unknown): string {
  if (!isRecord(json)) return '';
  const parts = [json['error'], json['errorCode'], json['internalErrorCode'], json['message']].filter(
    (v) => typeof v === 'string',
  );
  return parts.join(', ');
}

function otherShapeCode(json: unknown): string | null {
  if (!isRecord(json)) return null;
  const code = json['internalErrorCode'] ?? json['errorCode'];
  return typeof code === 'string' ? code : null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
