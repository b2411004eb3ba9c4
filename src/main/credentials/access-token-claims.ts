/**
 * Reads the claims DhanHQ puts in its access tokens (a JWT): `exp` (epoch seconds) and
 * `dhanClientId`. The signature is not checked — DhanHQ does that — the claims only let the
 * app warn before expiry and catch a token pasted for the wrong client id.
 */
export interface AccessTokenClaims {
  readonly expiresAtMs: number | null;
  readonly issuedAtMs: number | null;
  readonly clientId: string | null;
}

const NO_CLAIMS: AccessTokenClaims = { expiresAtMs: null, issuedAtMs: null, clientId: null };

export function readAccessTokenClaims(token: string): AccessTokenClaims {
  const parts = token.split('.');
  if (parts.length !== 3 || !parts[1]) return NO_CLAIMS;
  try {
    const payload = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as Record<string, unknown>;
    const seconds = (value: unknown): number | null =>
      typeof value === 'number' && Number.isFinite(value) ? value * 1000 : null;
    const clientId = payload.dhanClientId;
    return {
      expiresAtMs: seconds(payload.exp),
      issuedAtMs: seconds(payload.iat),
      clientId: typeof clientId === 'string' || typeof clientId === 'number' ? String(clientId) : null,
    };
  } catch {
    return NO_CLAIMS;
  }
}
