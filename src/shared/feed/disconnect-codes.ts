/**
 * DhanHQ Data-API codes (Annexure, "Data API Error"): the reasons carried by feed disconnect
 * packets (code 50) and the keys of the REST data-error envelope. The annexure's meanings are
 * used where the Python SDK's messages for 808/809 disagree with it.
 */
import type { DisconnectAction } from '../api/view-types';
import type { ErrorCode } from '../errors/error-catalog';

export const DATA_API_CODE_MEANING: Readonly<Record<number, string>> = Object.freeze({
  800: 'Internal server error',
  804: 'Requested number of instruments exceeds limit',
  805: 'Too many requests or connections',
  806: 'Data APIs not subscribed',
  807: 'Access token is expired',
  808: 'Authentication failed: client id or access token invalid',
  809: 'Access token is invalid',
  810: 'Client id is invalid',
  811: 'Invalid expiry date',
  812: 'Invalid date format',
  813: 'Invalid security id',
  814: 'Invalid request',
});

export interface DisconnectMeaning {
  readonly code: number;
  readonly errorCode: ErrorCode;
  readonly meaning: string;
  readonly action: DisconnectAction;
}

const HANDLING: Readonly<Record<number, { errorCode: ErrorCode; action: DisconnectAction }>> = Object.freeze({
  805: { errorCode: 'FEED_TOO_MANY_CONNECTIONS', action: 'back-off' },
  806: { errorCode: 'FEED_NO_DATA_PLAN', action: 'stop' },
  807: { errorCode: 'FEED_AUTH_EXPIRED', action: 'await-token' },
  808: { errorCode: 'FEED_AUTH_FAILED', action: 'stop' },
  809: { errorCode: 'FEED_TOKEN_INVALID', action: 'stop' },
  810: { errorCode: 'FEED_CLIENT_ID_INVALID', action: 'stop' },
});

/** What a disconnect reason means and what the client does about it. Unlisted codes reconnect with back-off. */
export function describeDisconnect(code: number): DisconnectMeaning {
  const handling = HANDLING[code] ?? { errorCode: 'FEED_DISCONNECTED' as const, action: 'reconnect' as const };
  return {
    code,
    errorCode: handling.errorCode,
    meaning: DATA_API_CODE_MEANING[code] ?? `Unlisted disconnect reason ${code}`,
    action: handling.action,
  };
}
