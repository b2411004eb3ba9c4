/**
 * The renderer's Content-Security-Policy, written once. src/renderer/index.html carries it as a
 * meta tag (tests keep the two in step); the Electron session and the browser-mode server send
 * it as a header, adding what a meta tag cannot carry (frame-ancestors).
 */

/** Every directive except connect-src, in the order index.html lists them. */
export const RENDERER_CSP_DIRECTIVES: readonly string[] = Object.freeze([
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
]);

/** connect-src of the meta tag: the browser mode's WebSocket on any loopback port. */
export const META_CONNECT_SRC = "connect-src 'self' ws://127.0.0.1:*";

/** The policy exactly as the meta tag in src/renderer/index.html states it. */
export const META_CONTENT_SECURITY_POLICY = [
  ...RENDERER_CSP_DIRECTIVES.slice(0, 4),
  META_CONNECT_SRC,
  ...RENDERER_CSP_DIRECTIVES.slice(4),
].join('; ');

/** The header form: the meta policy (or a narrower connect-src) plus frame-ancestors 'none'. */
export function cspHeader(connectSrc: string = META_CONNECT_SRC): string {
  return [...RENDERER_CSP_DIRECTIVES.slice(0, 4), connectSrc, ...RENDERER_CSP_DIRECTIVES.slice(4), "frame-ancestors 'none'"].join('; ');
}
