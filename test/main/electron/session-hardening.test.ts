import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  CONTENT_SECURITY_POLICY,
  CONTENT_SECURITY_POLICY_HEADER,
  hardenSession,
  withContentSecurityPolicy,
} from '../../../src/main/electron/session-hardening';
import { FakeSession } from './fake-electron';
import { LEVEL, memoryLog } from './log-lines';

function metaPolicy(): string {
  const html = readFileSync('src/renderer/index.html', 'utf8');
  const match = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/i.exec(html);
  if (match?.[1] === undefined) throw new Error('no CSP meta tag in src/renderer/index.html');
  return match[1];
}

describe('Content-Security-Policy', () => {
  it('is exactly the policy in the renderer page meta tag', () => {
    expect(CONTENT_SECURITY_POLICY).toBe(metaPolicy());
  });

  it('sends the same policy as a header, plus frame-ancestors which only a header can carry', () => {
    expect(CONTENT_SECURITY_POLICY_HEADER).toBe(`${metaPolicy()}; frame-ancestors 'none'`);
  });

  it('allows scripts only from the app itself and forbids plugins, framing, base and form targets', () => {
    const directives = new Map(
      CONTENT_SECURITY_POLICY_HEADER.split(';').map((part) => {
        const [name = '', ...values] = part.trim().split(/\s+/);
        return [name, values.join(' ')] as const;
      }),
    );
    expect(directives.get('script-src')).toBe("'self'");
    expect(directives.get('default-src')).toBe("'self'");
    expect(directives.get('object-src')).toBe("'none'");
    expect(directives.get('frame-ancestors')).toBe("'none'");
    expect(directives.get('base-uri')).toBe("'none'");
    expect(directives.get('form-action')).toBe("'none'");
  });

  it('replaces a response CSP in any letter case and keeps the other headers', () => {
    expect(
      withContentSecurityPolicy({
        'content-security-policy': ['default-src *'],
        'Content-Type': ['text/html'],
      }),
    ).toEqual({ 'Content-Type': ['text/html'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY_HEADER] });
  });
});

describe('hardenSession', () => {
  it('sets the CSP header on every response', () => {
    const session = new FakeSession();
    hardenSession(session, memoryLog().logger);
    expect(
      session.headersFor({ url: 'http://localhost:5173/', responseHeaders: { Server: ['vite'] } }),
    ).toEqual({
      Server: ['vite'],
      'Content-Security-Policy': [CONTENT_SECURITY_POLICY_HEADER],
    });
    expect(session.headersFor({ url: 'http://localhost:5173/x.js' })).toEqual({
      'Content-Security-Policy': [CONTENT_SECURITY_POLICY_HEADER],
    });
  });

  it('denies every permission request and logs which one was asked for', async () => {
    const session = new FakeSession();
    const log = memoryLog();
    hardenSession(session, log.logger);
    const answers: boolean[] = [];
    for (const permission of ['media', 'notifications', 'geolocation', 'clipboard-read']) {
      session.permissionRequestHandler?.({}, permission, (granted) => answers.push(granted));
    }
    expect(answers).toEqual([false, false, false, false]);
    expect((await log.lines()).map((line) => [line.level, line.permission])).toEqual([
      [LEVEL.warn, 'media'],
      [LEVEL.warn, 'notifications'],
      [LEVEL.warn, 'geolocation'],
      [LEVEL.warn, 'clipboard-read'],
    ]);
  });

  it('answers every permission check with no', () => {
    const session = new FakeSession();
    hardenSession(session, memoryLog().logger);
    expect(
      ['clipboard-sanitized-write', 'media', 'hid'].map((p) => session.permissionCheckHandler?.(null, p)),
    ).toEqual([false, false, false]);
  });
});
