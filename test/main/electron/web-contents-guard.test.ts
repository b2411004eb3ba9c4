import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createAppUrlMatcher } from '../../../src/main/electron/app-url';
import { createExternalLinkOpener } from '../../../src/main/electron/external-links';
import { guardWebContents } from '../../../src/main/electron/web-contents-guard';
import { FakeShell, FakeWebContents, preventable } from './fake-electron';
import { LEVEL, memoryLog } from './log-lines';

const HTML = '/app/out/renderer/index.html';
const APP_URL = pathToFileURL(HTML).href;

function guarded() {
  const contents = new FakeWebContents(7, APP_URL);
  const shell = new FakeShell();
  const log = memoryLog();
  guardWebContents(contents, {
    isAppUrl: createAppUrlMatcher({ rendererHtmlPath: HTML }),
    links: createExternalLinkOpener(shell, log.logger),
    logger: log.logger,
  });
  return { contents, shell, log };
}

/** Lets the opener's promise settle. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('guardWebContents', () => {
  it('lets the page navigate within its own URL', () => {
    const { contents } = guarded();
    const event = preventable(`${APP_URL}#/diagnostics`);
    contents.emit('will-navigate', event);
    expect(event.defaultPrevented).toBe(false);
  });

  it('blocks navigation to a DhanHQ page and opens it in the OS browser instead', async () => {
    const { contents, shell } = guarded();
    const event = preventable('https://dhanhq.co/docs/v2/');
    contents.emit('will-navigate', event);
    await settle();
    expect(event.defaultPrevented).toBe(true);
    expect(shell.openedUrls).toEqual(['https://dhanhq.co/docs/v2/']);
  });

  it('blocks navigation and redirects to anything else without opening it', async () => {
    const { contents, shell, log } = guarded();
    const navigate = preventable('http://evil.example/');
    const redirect = preventable('file:///etc/passwd');
    contents.emit('will-navigate', navigate);
    contents.emit('will-redirect', redirect);
    await settle();
    expect([navigate.defaultPrevented, redirect.defaultPrevented]).toEqual([true, true]);
    expect(shell.openedUrls).toEqual([]);
    expect((await log.lines()).map((l) => [l.level, l.kind, l.url])).toEqual([
      [LEVEL.warn, 'navigate', 'http://evil.example/'],
      [LEVEL.warn, 'redirect', 'file:///etc/passwd'],
    ]);
  });

  it('denies every window.open, sending only allow-listed links to the OS browser', async () => {
    const { contents, shell } = guarded();
    expect(contents.windowOpenHandler?.({ url: 'https://web.dhan.co/' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler?.({ url: APP_URL })).toEqual({ action: 'deny' });
    await settle();
    expect(shell.openedUrls).toEqual(['https://web.dhan.co/']);
  });

  it('refuses to attach a <webview>', () => {
    const { contents } = guarded();
    const event = preventable();
    contents.emit('will-attach-webview', event);
    expect(event.defaultPrevented).toBe(true);
  });
});
