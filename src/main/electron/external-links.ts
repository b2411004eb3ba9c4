/**
 * The only way a URL leaves the app for the OS browser. Links open only if they are https,
 * carry no credentials, use the default port and point at a host on the allow-list (or a
 * subdomain of one), so a compromised page cannot make `shell.openExternal` launch arbitrary
 * protocol handlers or local files.
 */
import { AppError } from '../../shared/errors/app-error';
import type { Logger } from '../logging/logger';
import { redactUrlQuery } from '../logging/redactor';
import type { ShellPort } from './electron-ports';

/** DhanHQ's sites: API docs, the web platform where tokens are generated, and the API host. */
export const DEFAULT_EXTERNAL_HOSTS: readonly string[] = ['dhanhq.co', 'dhan.co'];

/** True when `url` may be opened in the OS browser. */
export function isAllowedExternalUrl(
  url: string,
  allowedHosts: readonly string[] = DEFAULT_EXTERNAL_HOSTS,
): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (
    parsed.protocol !== 'https:' ||
    parsed.username !== '' ||
    parsed.password !== '' ||
    parsed.port !== ''
  ) {
    return false;
  }
  const host = parsed.hostname.toLowerCase();
  return allowedHosts.some((allowed) => host === allowed || host.endsWith(`.${allowed}`));
}

export interface ExternalLinkOpener {
  /** True when `open(url)` would hand the link to the OS browser. */
  isAllowed(url: string): boolean;
  /** Opens an allowed link; throws AppError SHELL_LINK_BLOCKED for anything else. */
  open(url: string): Promise<{ opened: boolean }>;
}

/**
 * @param allowedHosts default DEFAULT_EXTERNAL_HOSTS.
 */
export function createExternalLinkOpener(
  shell: Pick<ShellPort, 'openExternal'>,
  logger: Logger,
  allowedHosts: readonly string[] = DEFAULT_EXTERNAL_HOSTS,
): ExternalLinkOpener {
  return {
    isAllowed: (url) => isAllowedExternalUrl(url, allowedHosts),
    async open(url) {
      // Only the query can carry a secret; the redacted form is what gets logged or thrown.
      const shown = redactUrlQuery(url).slice(0, 200);
      if (!isAllowedExternalUrl(url, allowedHosts)) {
        logger.warn(
          { code: 'SHELL_LINK_BLOCKED', url: shown },
          'refused to open a link outside the allow-list',
        );
        throw new AppError('SHELL_LINK_BLOCKED', `Not opened: ${shown}`);
      }
      try {
        await shell.openExternal(url);
      } catch (error) {
        // No default browser, or the OS refused: the caller learns it did not open.
        logger.error({ url: shown, error: errorMessage(error) }, 'the OS could not open a link');
        return { opened: false };
      }
      logger.info({ url: shown }, 'opened a link in the OS browser');
      return { opened: true };
    },
  };
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
