/**
 * Where DhanHQ lives. Every base URL can be overridden from the environment so tests, the
 * simulator and the demo mode point the same client code at loopback servers.
 */

/** Production endpoints (see ../shared/docs/dhanhq-v2.md §1.1, §3.1, §5.1). */
export const DHAN_DEFAULT_ENDPOINTS = Object.freeze({
  apiUrl: 'https://api.dhan.co/v2',
  feedUrl: 'wss://api-feed.dhan.co',
  scripMasterUrl: 'https://images.dhan.co/api-data/api-scrip-master-detailed.csv',
});

export interface DhanEndpoints {
  /** REST base, without a trailing slash; endpoint paths are appended ("/profile"). */
  readonly apiUrl: string;
  /** Live Market Feed base; the query string is added by buildFeedUrl. */
  readonly feedUrl: string;
  /** The scrip master CSV (public, no authentication). */
  readonly scripMasterUrl: string;
}

/**
 * Reads `DHAN_API_URL`, `DHAN_FEED_URL` and `DHAN_SCRIP_MASTER_URL`; blank or absent values
 * fall back to the production endpoints. Trailing slashes are removed from the REST base.
 */
export function dhanEndpointsFromEnv(env: Readonly<Record<string, string | undefined>>): DhanEndpoints {
  const pick = (name: string, fallback: string): string => {
    const value = env[name]?.trim();
    return value ? value : fallback;
  };
  return {
    apiUrl: pick('DHAN_API_URL', DHAN_DEFAULT_ENDPOINTS.apiUrl).replace(/\/+$/, ''),
    feedUrl: pick('DHAN_FEED_URL', DHAN_DEFAULT_ENDPOINTS.feedUrl),
    scripMasterUrl: pick('DHAN_SCRIP_MASTER_URL', DHAN_DEFAULT_ENDPOINTS.scripMasterUrl),
  };
}
