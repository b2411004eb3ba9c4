/**
 * Turns what DhanHQ said about a pair of credentials into one of the six statuses the user
 * sees (missing, ok, invalid, expired, no-data-plan, unreachable) with its plain-language
 * message and remedy. 806 means "no Data-API plan", never "bad token".
 */
import type { CredentialStatus } from '../../shared/api/view-types';
import { isAppError } from '../../shared/errors/app-error';
import { ERROR_CATALOG, type ErrorCode } from '../../shared/errors/error-catalog';
import type { AccessTokenClaims } from './access-token-claims';

export interface StatusVerdict {
  readonly status: CredentialStatus;
  readonly message: string;
}

const STATUS_CODE: Readonly<Record<CredentialStatus, ErrorCode | null>> = {
  unchecked: null,
  ok: null,
  missing: 'CRED_MISSING',
  invalid: 'CRED_INVALID',
  expired: 'CRED_EXPIRED',
  'no-data-plan': 'CRED_NO_DATA_PLAN',
  unreachable: 'CRED_UNREACHABLE',
};

/** The catalogue code behind a status, or null for ok/unchecked. */
export function errorCodeOfStatus(status: CredentialStatus): ErrorCode | null {
  return STATUS_CODE[status];
}

export function remedyOfStatus(status: CredentialStatus): string {
  const code = STATUS_CODE[status];
  return code ? ERROR_CATALOG[code].remedy : '';
}

/** Verdict for a successful GET /profile. */
export function verdictFromProfile(dataPlan: string | null, dataValidity: string | null): StatusVerdict {
  if (dataPlan !== null && dataPlan.trim().toLowerCase() !== 'active') {
    const until = dataValidity ? ` (data validity: ${dataValidity})` : '';
    return { status: 'no-data-plan', message: `The token is valid, but the Data API plan is "${dataPlan}"${until}.` };
  }
  return { status: 'ok', message: 'Credentials are valid and the Data API plan is active.' };
}

/** Verdict for a failed GET /profile. */
export function verdictFromError(error: unknown, claims: AccessTokenClaims, nowMs: number): StatusVerdict {
  const expiredLocally = claims.expiresAtMs !== null && claims.expiresAtMs <= nowMs;
  if (!isAppError(error)) return { status: 'unreachable', message: 'Checking the credentials failed unexpectedly.' };
  const dhanCode = String(error.context.dhanCode ?? '');
  const httpStatus = error.context.httpStatus;
  switch (error.code) {
    case 'REST_AUTH_EXPIRED':
      return { status: 'expired', message: expiredMessage(claims) };
    case 'REST_NO_DATA_PLAN':
      return { status: 'no-data-plan', message: 'DhanHQ answered 806: Data APIs not subscribed.' };
    case 'REST_AUTH_INVALID':
      if (dhanCode === '807' || expiredLocally) return { status: 'expired', message: expiredMessage(claims) };
      return { status: 'invalid', message: `DhanHQ rejected the credentials (${dhanCode || `HTTP ${String(httpStatus)}`}).` };
    case 'REST_NOT_JSON':
      if (httpStatus === 401 || httpStatus === 403) {
        return expiredLocally
          ? { status: 'expired', message: expiredMessage(claims) }
          : { status: 'invalid', message: `DhanHQ answered HTTP ${String(httpStatus)} with a page instead of data.` };
      }
      return { status: 'unreachable', message: `DhanHQ answered HTTP ${String(httpStatus)} with a page instead of data.` };
    case 'REST_RATE_LIMITED':
      return { status: 'unreachable', message: 'DhanHQ is rate-limiting requests; the check will be retried.' };
    default:
      return { status: 'unreachable', message: error.message };
  }
}

function expiredMessage(claims: AccessTokenClaims): string {
  if (claims.expiresAtMs === null) return 'DhanHQ says the access token has expired.';
  return `The access token expired at ${new Date(claims.expiresAtMs).toISOString().slice(0, 16).replace('T', ' ')} UTC.`;
}

/** "45 min", "3 h 05 min", "2 d 4 h": how long until `targetMs`. */
export function humanDuration(ms: number): string {
  const minutes = Math.max(0, Math.round(ms / 60_000));
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ${String(minutes % 60).padStart(2, '0')} min`;
  return `${Math.floor(hours / 24)} d ${hours % 24} h`;
}
