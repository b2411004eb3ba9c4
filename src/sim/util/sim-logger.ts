/**
 * The simulator's logging port. It has the same shape as the app's Logger (src/main/logging), so
 * a composition root can pass the app's pino logger in; the simulator cannot import it.
 */
export type SimLogFields = Record<string, unknown>;

export interface SimLogger {
  debug(fields: SimLogFields, message: string): void;
  info(fields: SimLogFields, message: string): void;
  warn(fields: SimLogFields, message: string): void;
  error(fields: SimLogFields, message: string): void;
}

export const silentLogger: SimLogger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
};

type Level = 'debug' | 'info' | 'warn' | 'error';
const LEVEL_RANK: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/**
 * One JSON object per line (for the CLI's stderr). Every line passes `redact` first, so a
 * token that slipped into a field never reaches the stream.
 */
export function createLineLogger(
  write: (line: string) => void,
  options: { level?: Level; redact?: (text: string) => string; nowMs?: () => number } = {},
): SimLogger {
  const minimum = LEVEL_RANK[options.level ?? 'info'];
  const redact = options.redact ?? ((text: string) => text);
  const now = options.nowMs ?? (() => Date.now());
  const emit = (level: Level, fields: SimLogFields, message: string): void => {
    if (LEVEL_RANK[level] < minimum) return;
    write(`${redact(JSON.stringify({ time: now(), level, msg: message, ...fields }))}\n`);
  };
  return {
    debug: (fields, message) => emit('debug', fields, message),
    info: (fields, message) => emit('info', fields, message),
    warn: (fields, message) => emit('warn', fields, message),
    error: (fields, message) => emit('error', fields, message),
  };
}

/** Replaces every `token=` query value in a URL or text, for logging requests. */
export function redactTokenParam(text: string): string {
  return text.replace(/([?&]token=)[^&\s"]*/gi, '$1[REDACTED]');
}

/** Replaces each occurrence of the given secrets in `text`. */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let out = redactTokenParam(text);
  for (const secret of secrets) {
    if (secret.length >= 8) out = out.split(secret).join('[REDACTED]');
  }
  return out;
}
