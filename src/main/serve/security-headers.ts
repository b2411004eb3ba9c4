/**
 * Headers sent on every browser-mode response. The Content-Security-Policy repeats the one in
 * src/renderer/index.html (a test keeps them in step), with connect-src narrowed to this run's
 * WebSocket, and frame-ancestors added because a meta tag cannot carry it.
 */

import { cspHeader, RENDERER_CSP_DIRECTIVES } from '../../shared/security/content-security-policy';

export { RENDERER_CSP_DIRECTIVES };

/** The renderer's policy with connect-src narrowed to this run's WebSocket. */
export function contentSecurityPolicy(port: number): string {
  return cspHeader(`connect-src 'self' ws://127.0.0.1:${port} ws://localhost:${port}`);
}

/** Headers for every response; `Cache-Control` is set per response by its kind. */
export function securityHeaders(port: number): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(port),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
  };
}

/** HTML and JSON carry live state or the key's consequences: never cached. */
export const NO_STORE = 'no-store';
/** Built assets may be kept but must be revalidated (they are only served to key holders). */
export const REVALIDATE = 'private, no-cache';
