/**
 * Headers sent on every browser-mode response. The Content-Security-Policy repeats the one in
 * src/renderer/index.html (a test keeps them in step), with connect-src narrowed to this run's
 * WebSocket, and frame-ancestors added because a meta tag cannot carry it.
 */

/** The renderer's CSP directives other than connect-src, in the order index.html lists them. */
export const RENDERER_CSP_DIRECTIVES: readonly string[] = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
];

export function contentSecurityPolicy(port: number): string {
  return [
    ...RENDERER_CSP_DIRECTIVES,
    `connect-src 'self' ws://127.0.0.1:${port} ws://localhost:${port}`,
    "frame-ancestors 'none'",
  ].join('; ');
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
