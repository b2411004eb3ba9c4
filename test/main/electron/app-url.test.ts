import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createAppUrlMatcher } from '../../../src/main/electron/app-url';

const HTML = '/opt/ChainLens/resources/app.asar/out/renderer/index.html';
const FILE_URL = pathToFileURL(HTML).href;

describe('createAppUrlMatcher', () => {
  const isApp = createAppUrlMatcher({ rendererHtmlPath: HTML });

  it('accepts the bundled renderer page, with or without a query or fragment', () => {
    expect([FILE_URL, `${FILE_URL}#/diagnostics`, `${FILE_URL}?x=1`].map(isApp)).toEqual([true, true, true]);
  });

  it('refuses any other local file, a file on another host and a percent-encoded look-alike path', () => {
    expect(
      [
        'file:///opt/ChainLens/resources/app.asar/out/renderer/other.html',
        'file:///etc/passwd',
        'file://evil-host/opt/ChainLens/resources/app.asar/out/renderer/index.html',
        FILE_URL.replace('renderer', 'renderer/..%2Frenderer'),
      ].map(isApp),
    ).toEqual([false, false, false, false]);
  });

  it('refuses web origins and non-URLs when no dev server is configured', () => {
    expect(
      ['http://localhost:5173/', 'https://dhanhq.co/', 'about:blank', 'not a url', ''].map(isApp),
    ).toEqual([false, false, false, false, false]);
  });

  it('accepts exactly the dev server origin in development', () => {
    const dev = createAppUrlMatcher({ rendererHtmlPath: HTML, devServerUrl: 'http://localhost:5173/' });
    expect(
      [
        'http://localhost:5173/',
        'http://localhost:5173/src/main.tsx',
        'http://localhost:5174/',
        'http://127.0.0.1:5173/',
        'https://localhost:5173/',
      ].map(dev),
    ).toEqual([true, true, false, false, false]);
  });

  it('compares Windows paths without regard to letter case', () => {
    // Written natively for the machine running the test; both become file:///C:/Program%20Files/…
    const html =
      process.platform === 'win32'
        ? 'C:\\Program Files\\ChainLens\\index.html'
        : '/C:/Program Files/ChainLens/index.html';
    const windows = createAppUrlMatcher({ rendererHtmlPath: html, platform: 'win32' });
    expect(windows('file:///c:/program%20files/chainlens/INDEX.html')).toBe(true);
    const linux = createAppUrlMatcher({ rendererHtmlPath: '/opt/ChainLens/index.html', platform: 'linux' });
    expect(linux('file:///opt/chainlens/index.html')).toBe(false);
  });
});
