/**
 * How a command-line run reports the failure that ended it: the catalogue's title, this
 * instance's message and the remedy, in plain words on stderr.
 */
import { isAppError } from '../../shared/errors/app-error';
import { ERROR_CATALOG } from '../../shared/errors/error-catalog';
import type { Redactor } from '../../main/logging/redactor';

export function describeFailure(error: unknown, redactor?: Redactor): string {
  const redact = (text: string): string => (redactor ? redactor.redact(text) : text);
  if (isAppError(error)) {
    const entry = ERROR_CATALOG[error.code];
    return `ChainLens: ${entry.title} [${error.code}]\n  ${redact(error.message)}\n  What to do: ${entry.remedy}\n`;
  }
  const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
  return `ChainLens failed unexpectedly: ${redact(message)}\n`;
}
