/**
 * Which requests may reach the browser mode at all, before the key is even looked at. The
 * server listens on 127.0.0.1 only, but a web page elsewhere can still aim a browser at it: a
 * DNS-rebinding page arrives with a foreign Host header, a cross-site page with a foreign
 * Origin. Both are refused.
 */

/** The two names a browser on this machine may use for the server. */
export function loopbackHosts(port: number): readonly string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`];
}

/** The accepted Host header (lower-cased), or null when it is missing or foreign. */
export function acceptedHost(hostHeader: string | undefined, port: number): string | null {
  if (typeof hostHeader !== 'string') return null;
  const host = hostHeader.trim().toLowerCase();
  return loopbackHosts(port).includes(host) ? host : null;
}

/** Our own origin for a request that arrived with the accepted `host`. */
export function ownOrigin(host: string): string {
  return `http://${host}`;
}

/**
 * Plain HTTP: a request without Origin (a top-level navigation, curl) is fine; one with an
 * Origin must be ours. `null` (sandboxed frames, file: pages) is not ours.
 */
export function httpOriginAllowed(originHeader: string | undefined, host: string): boolean {
  return originHeader === undefined || originHeader === ownOrigin(host);
}

/** WebSocket upgrades are not covered by the same-origin policy, so Origin must be exactly ours. */
export function upgradeOriginAllowed(originHeader: string | undefined, host: string): boolean {
  return originHeader === ownOrigin(host);
}
