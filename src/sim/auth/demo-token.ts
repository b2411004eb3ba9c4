/**
 * Demo access tokens shaped like DhanHQ's: a JWT whose payload carries the claims seen in real
 * tokens (`iss`, `exp`, `iat`, `dhanClientId`, …), so the client's local expiry reading works.
 * The signature part is not a real signature; the simulator only compares whole strings.
 */

/** The demo client id when none is given. */
export const DEMO_CLIENT_ID = '1100000001';

/** Token lifetime DhanHQ grants: 24 hours. */
export const TOKEN_LIFETIME_MS = 24 * 60 * 60 * 1000;

function base64Url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}

/**
 * A demo token issued at `issuedAtMs`, expiring `lifetimeMs` later (default 24 h). `nonce`
 * makes tokens issued in the same second differ (a renewed token must not equal the old one).
 */
export function makeDemoToken(clientId: string, issuedAtMs: number, nonce = 0, lifetimeMs = TOKEN_LIFETIME_MS): string {
  const iat = Math.floor(issuedAtMs / 1000);
  const header = { typ: 'JWT', alg: 'HS512' };
  const payload = {
    iss: 'dhan',
    partnerId: '',
    exp: iat + Math.floor(lifetimeMs / 1000),
    iat,
    tokenConsumerType: 'SELF',
    webhookUrl: '',
    dhanClientId: clientId,
  };
  const signature = base64Url(`chainlens-simulator:${clientId}:${iat}:${nonce}`);
  return `${base64Url(JSON.stringify(header))}.${base64Url(JSON.stringify(payload))}.${signature}`;
}

/** The `exp` claim of a JWT in epoch milliseconds, or null when the token is not a readable JWT. */
export function jwtExpiryMs(token: string): number | null {
  const parts = token.split('.');
  if (parts.length !== 3 || parts[1] === undefined) return null;
  try {
    const payload: unknown = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
    if (typeof payload !== 'object' || payload === null) return null;
    const exp = (payload as { exp?: unknown }).exp;
    return typeof exp === 'number' && Number.isFinite(exp) ? exp * 1000 : null;
  } catch {
    // Not a JWT: the token simply has no readable expiry; callers treat null as "never expires".
    return null;
  }
}
