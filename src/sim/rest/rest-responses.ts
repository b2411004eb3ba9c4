/**
 * DhanHQ's REST answer shapes (../shared/docs/dhanhq-v2.md §1.3, §2): the trading-style DH-9xx
 * envelope, the data-style {"data":{"8xx":…},"status":"failed"} envelope, Spring-style 404/405
 * bodies, a server-exception body and a generic HTML error page.
 */

export interface RestAnswer {
  readonly status: number;
  readonly contentType: string;
  readonly body: string;
}

const JSON_TYPE = 'application/json';

/** A JSON answer with `status`. */
export function jsonAnswer(status: number, value: unknown): RestAnswer {
  return { status, contentType: JSON_TYPE, body: JSON.stringify(value) };
}

/** Messages as DhanHQ's annexure words them. */
export const DATA_ERROR_MESSAGE: Readonly<Record<number, string>> = Object.freeze({
  800: 'Internal Server Error',
  804: 'Requested number of instruments exceeds limit',
  805: 'Too many requests or connections. Further requests may result in the user being blocked.',
  806: 'Data APIs not Subscribed',
  807: 'Access token is expired',
  808: 'Authentication Failed - Client ID or Access Token invalid',
  809: 'Access token is invalid',
  810: 'Client ID is invalid',
  811: 'Invalid Expiry Date',
  812: 'Invalid Date Format',
  813: 'Invalid SecurityId',
  814: 'Invalid Request',
});

/** {"data":{"<code>":"<message>"},"status":"failed"}. */
export function dataError(status: number, code: number): RestAnswer {
  return jsonAnswer(status, { data: { [String(code)]: DATA_ERROR_MESSAGE[code] ?? 'Error' }, status: 'failed' });
}

const TRADING_ERRORS = {
  'DH-901': { type: 'Invalid_Authentication', message: 'Client ID or user generated access token is invalid or expired.' },
  'DH-902': { type: 'Invalid_Access', message: 'User has not subscribed to Data APIs or does not have access to Trading APIs.' },
  'DH-904': { type: 'Input_Exception', message: 'Too many requests on server from single user breaching rate limits. Try throttling API calls.' },
} as const;

/** {"errorType":…,"errorCode":"DH-9xx","errorMessage":…}. DH-904's type is Input_Exception, as recorded. */
export function tradingError(status: number, code: keyof typeof TRADING_ERRORS): RestAnswer {
  const e = TRADING_ERRORS[code];
  return jsonAnswer(status, { errorType: e.type, errorCode: code, errorMessage: e.message });
}

/** Spring's default error body for unknown paths and methods. */
export function springError(status: 404 | 405, path: string, nowMs: number): RestAnswer {
  return jsonAnswer(status, {
    timestamp: new Date(nowMs).toISOString(),
    status,
    error: status === 404 ? 'Not Found' : 'Method Not Allowed',
    path,
  });
}

/** HTTP 500 with the server-exception body seen from DhanHQ (internalErrorCode RS-9005). */
export function serverException(): RestAnswer {
  return jsonAnswer(500, {
    errorCode: 'INTERNAL_SERVER_ERROR',
    httpStatus: 'INTERNAL_SERVER_ERROR',
    internalErrorCode: 'RS-9005',
    internalErrorMessage: 'Something went wrong. Please try again later.',
  });
}

/** The generic gateway page an expired token met on data endpoints (DhanHQ-py PR #159). */
export function htmlErrorPage(): RestAnswer {
  return {
    status: 401,
    contentType: 'text/html',
    body:
      '<html>\r\n<head><title>401 Authorization Required</title></head>\r\n<body>\r\n' +
      '<center><h1>401 Authorization Required</h1></center>\r\n<hr><center>openresty</center>\r\n</body>\r\n</html>\r\n',
  };
}
