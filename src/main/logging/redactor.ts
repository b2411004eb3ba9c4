/**
 * Keeps secrets out of every line the app writes. The access token and client id are
 * registered when credentials load; anything that passes through `redact` has them replaced,
 * and feed URLs lose their token/clientId query values. Log lines, the diagnostics snapshot,
 * the support bundle and error messages all go through one instance.
 */
export const REDACTED = '[REDACTED]';

const SECRET_QUERY_KEYS = ['token', 'clientId', 'access-token', 'access_token'];
const MIN_SECRET_LENGTH = 6;

export class Redactor {
  private readonly secrets = new Set<string>();

  /** Registers a secret; short strings are ignored (they would mangle ordinary text). */
  add(secret: string | null | undefined): void {
    if (secret && secret.length >= MIN_SECRET_LENGTH) this.secrets.add(secret);
  }

  remove(secret: string | null | undefined): void {
    if (secret) this.secrets.delete(secret);
  }

  redact(text: string): string {
    let out = redactUrlQuery(text);
    for (const secret of this.secrets) {
      if (out.includes(secret)) out = out.split(secret).join(REDACTED);
    }
    return out;
  }

  /** Deep-copies JSON-like data with every string redacted. */
  redactValue<T>(value: T): T {
    return JSON.parse(this.redact(JSON.stringify(value))) as T;
  }
}

/** Replaces the values of token-bearing query parameters in any URL inside `text`. */
export function redactUrlQuery(text: string): string {
  let out = text;
  for (const key of SECRET_QUERY_KEYS) {
    const pattern = new RegExp(`([?&]${key}=)[^&\\s"']*`, 'g');
    out = out.replace(pattern, `$1${REDACTED}`);
  }
  return out;
}
