/**
 * The Live Market Feed v2 URL carries the token and client id in its query string (DhanHQ has
 * no header authentication for the feed), so it is built in one place and only ever shown
 * redacted.
 */
import { redactUrlQuery } from '../logging/redactor';
import type { DhanCredentials } from './dhan-credentials';

/**
 * `<base>?version=2&token=…&clientId=…&authType=2`. Parameters already on `base` are kept
 * (a test server may carry its own); ours replace any of the same name.
 */
export function buildFeedUrl(base: string, credentials: DhanCredentials): string {
  const url = new URL(base);
  url.searchParams.set('version', '2');
  url.searchParams.set('token', credentials.accessToken);
  url.searchParams.set('clientId', credentials.clientId);
  url.searchParams.set('authType', '2');
  return url.toString();
}

/** The feed URL as it may be printed: token and client id replaced by [REDACTED]. */
export function redactFeedUrl(url: string): string {
  return redactUrlQuery(url);
}
