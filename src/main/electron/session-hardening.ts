/**
 * Session-wide defences: the Content-Security-Policy as a response header, and a permission
 * handler that refuses everything (the UI needs no camera, microphone, notifications,
 * geolocation, clipboard reads, MIDI, HID or anything else a page can ask for).
 */
import { cspHeader, META_CONTENT_SECURITY_POLICY } from '../../shared/security/content-security-policy';
import type { Logger } from '../logging/logger';
import type { SessionPort } from './electron-ports';

/**
 * The renderer's policy, identical to the <meta http-equiv="Content-Security-Policy"> in
 * src/renderer/index.html (a test compares them). Pages loaded from file:// get no response
 * headers, so in a packaged app the meta tag is what applies; the header below covers everything
 * served over HTTP (the dev server). `ws://127.0.0.1:*` is for the browser mode, which serves the
 * same page.
 */
export const CONTENT_SECURITY_POLICY = META_CONTENT_SECURITY_POLICY;

/** The header adds `frame-ancestors`, which browsers ignore in a meta tag. */
export const CONTENT_SECURITY_POLICY_HEADER = cspHeader();

/** Returns the response headers with any existing CSP (in any letter case) replaced by ours. */
export function withContentSecurityPolicy(
  headers: Readonly<Record<string, string[]>> | undefined,
  policy: string = CONTENT_SECURITY_POLICY_HEADER,
): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() !== 'content-security-policy') out[name] = value;
  }
  out['Content-Security-Policy'] = [policy];
  return out;
}

/** Installs the CSP header and the deny-all permission handlers on `session`. */
export function hardenSession(session: SessionPort, logger: Logger): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withContentSecurityPolicy(details.responseHeaders) });
  });
  session.setPermissionRequestHandler((_contents, permission, callback) => {
    logger.warn({ permission }, 'refused a permission request from a page');
    callback(false);
  });
  session.setPermissionCheckHandler(() => false);
}
