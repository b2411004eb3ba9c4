/**
 * Navigation and window-creation policy for every webContents the app creates (installed from
 * app 'web-contents-created', so it also covers anything opened later): the page may only
 * navigate within our own renderer URL, may never open a window or attach a <webview>, and a
 * link to an allowed DhanHQ site goes to the OS browser instead.
 */
import type { Logger } from '../logging/logger';
import { redactUrlQuery } from '../logging/redactor';
import type { AppUrlMatcher } from './app-url';
import type { ExternalLinkOpener } from './external-links';
import type { WebContentsPort } from './electron-ports';

export interface GuardOptions {
  readonly isAppUrl: AppUrlMatcher;
  readonly links: ExternalLinkOpener;
  readonly logger: Logger;
}

export function guardWebContents(contents: WebContentsPort, options: GuardOptions): void {
  const { isAppUrl, links, logger } = options;

  // Links off the allow-list stay blocked (the refusal is already logged); the rest open outside.
  const openOutside = (url: string): void => {
    if (!links.isAllowed(url)) return;
    links.open(url).catch((error: unknown) => {
      logger.error(
        { error: error instanceof Error ? error.message : String(error) },
        'opening a link failed',
      );
    });
  };

  const refuseForeignNavigation = (
    event: { preventDefault(): void; readonly url: string },
    kind: string,
  ): void => {
    if (isAppUrl(event.url)) return;
    event.preventDefault();
    logger.warn(
      { kind, url: redactUrlQuery(event.url).slice(0, 200) },
      'blocked a navigation away from the app',
    );
    openOutside(event.url);
  };

  contents.on('will-navigate', (event) => refuseForeignNavigation(event, 'navigate'));
  contents.on('will-redirect', (event) => refuseForeignNavigation(event, 'redirect'));
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    logger.warn({}, 'blocked a <webview>');
  });
  contents.setWindowOpenHandler(({ url }) => {
    logger.info(
      { url: redactUrlQuery(url).slice(0, 200) },
      'refused window.open; allowed links go to the OS browser',
    );
    openOutside(url);
    return { action: 'deny' };
  });
}
