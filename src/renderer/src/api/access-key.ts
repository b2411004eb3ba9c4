/**
 * The browser mode's per-run access key travels only in the page URL (?key=…) and the socket
 * URL. It is read here and nowhere else: never stored, logged or shown.
 */
import { ACCESS_KEY_PARAM, WS_API_PATH } from '../../../shared/api/ws-protocol';

/** The key from a location's query string, or null when absent or empty. */
export function readAccessKey(search: string): string | null {
  const key = new URLSearchParams(search).get(ACCESS_KEY_PARAM);
  return key && key.length > 0 ? key : null;
}

/** ws://<same host>/api?key=KEY (wss:// when the page itself is served over https). */
export function apiSocketUrl(location: Pick<Location, 'protocol' | 'host'>, key: string): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}${WS_API_PATH}?${ACCESS_KEY_PARAM}=${encodeURIComponent(key)}`;
}
