import { describe, expect, it } from 'vitest';
import { createExternalLinkOpener, isAllowedExternalUrl } from '../../../src/main/electron/external-links';
import { AppError } from '../../../src/shared/errors/app-error';
import { FakeShell } from './fake-electron';
import { LEVEL, memoryLog } from './log-lines';

describe('isAllowedExternalUrl', () => {
  it('allows https links to DhanHQ sites and their subdomains', () => {
    expect(
      [
        'https://dhanhq.co/docs/v2/',
        'https://web.dhan.co/',
        'https://api.dhan.co/v2/',
        'https://DHANHQ.co/docs',
        'https://dhan.co/',
      ].map((u) => isAllowedExternalUrl(u)),
    ).toEqual([true, true, true, true, true]);
  });

  it('refuses other schemes, look-alike hosts, credentials and explicit ports', () => {
    expect(
      [
        'http://dhanhq.co/docs',
        'javascript:alert(1)',
        'file:///etc/passwd',
        'smb://dhanhq.co/share',
        'https://evil-dhanhq.co/',
        'https://dhanhq.co.evil.com/',
        'https://dhanhq.co@evil.com/',
        'https://user:pass@dhanhq.co/',
        'https://dhanhq.co:8443/',
        'https://example.com/?next=https://dhanhq.co',
        'not a url',
      ].map((u) => isAllowedExternalUrl(u)),
    ).toEqual([false, false, false, false, false, false, false, false, false, false, false]);
  });

  it('uses the given allow-list instead of the default', () => {
    expect(isAllowedExternalUrl('https://example.com/', ['example.com'])).toBe(true);
    expect(isAllowedExternalUrl('https://dhanhq.co/', ['example.com'])).toBe(false);
  });
});

describe('createExternalLinkOpener', () => {
  it('hands an allowed link to the OS browser', async () => {
    const shell = new FakeShell();
    const opener = createExternalLinkOpener(shell, memoryLog().logger);
    await expect(opener.open('https://web.dhan.co/')).resolves.toEqual({ opened: true });
    expect(shell.openedUrls).toEqual(['https://web.dhan.co/']);
  });

  it('refuses a link off the list with SHELL_LINK_BLOCKED and never logs a token in its query', async () => {
    const shell = new FakeShell();
    const log = memoryLog();
    const opener = createExternalLinkOpener(shell, log.logger);
    const error = await opener.open('https://evil.example/?token=eyJSECRETTOKEN123').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('SHELL_LINK_BLOCKED');
    expect((error as AppError).message).toBe('Not opened: https://evil.example/?token=[REDACTED]');
    expect(shell.openedUrls).toEqual([]);
    const lines = await log.lines();
    expect(lines.map((l) => [l.level, l.code, l.url])).toEqual([
      [LEVEL.warn, 'SHELL_LINK_BLOCKED', 'https://evil.example/?token=[REDACTED]'],
    ]);
  });

  it('reports opened: false and logs when the OS cannot open the link', async () => {
    const shell = new FakeShell();
    shell.failOpenExternal = new Error('no default browser');
    const log = memoryLog();
    const opener = createExternalLinkOpener(shell, log.logger);
    await expect(opener.open('https://dhanhq.co/docs/v2/')).resolves.toEqual({ opened: false });
    expect((await log.lines()).map((l) => [l.level, l.error])).toEqual([[LEVEL.error, 'no default browser']]);
  });
});
