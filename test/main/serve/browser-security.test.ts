import { readFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_CATALOG } from '../../../src/shared/errors/error-catalog';
import { accessCookieName } from '../../../src/main/serve/access-key';
import { RENDERER_CSP_DIRECTIVES, contentSecurityPolicy } from '../../../src/main/serve/security-headers';
import { DEMO_CLIENT_ID, makeDemoToken } from '../../../src/sim';
import { APP_JS, INDEX_HTML, OUTSIDE_SECRET, bearer, get, openApiSocket, refusedUpgradeStatus, startRig, waitFor, type Rig } from './serve-fixture';

/** A raw request, so the Host header and the path go out exactly as written. */
function rawGet(port: number, path: string, headers: Record<string, string>): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, method: 'GET', headers, setHost: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** A token the simulator accepts whose signature part is easy to spot anywhere it leaks. */
const FAKE_SIGNATURE = 'CHAINLENS-FAKE-TOKEN-SENTINEL-7f3a9c';
const FAKE_TOKEN = `${makeDemoToken(DEMO_CLIENT_ID, Date.now()).split('.').slice(0, 2).join('.')}.${FAKE_SIGNATURE}`;

describe('the renderer page and the server agree on the Content-Security-Policy', () => {
  it('sends every directive of src/renderer/index.html except connect-src, which names this run only', async () => {
    const html = await readFile(join(__dirname, '../../../src/renderer/index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1] ?? '';
    const pageDirectives = meta.split(';').map((d) => d.trim()).filter((d) => d.length > 0 && !d.startsWith('connect-src'));
    expect(pageDirectives).toEqual(RENDERER_CSP_DIRECTIVES);
    expect(contentSecurityPolicy(5173)).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "connect-src 'self' ws://127.0.0.1:5173 ws://localhost:5173; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    );
  });
});

describe('browser mode security', () => {
  let rig: Rig;
  beforeAll(async () => {
    rig = await startRig({ sim: { accessToken: FAKE_TOKEN } });
  });
  afterAll(() => rig.close());

  it('listens on 127.0.0.1 only and prints a URL with a 256-bit base64url key', () => {
    expect(rig.server.address().address).toBe('127.0.0.1');
    expect(rig.server.address().family).toBe('IPv4');
    expect(rig.server.accessKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(rig.server.url).toBe(`http://127.0.0.1:${rig.server.port}/?key=${rig.server.accessKey}`);
  });

  it('serves the page for the printed URL and sets an HttpOnly, SameSite=Strict cookie holding the key', async () => {
    const reply = await get(rig.server.url);
    expect(reply.status).toBe(200);
    expect(reply.text).toBe(INDEX_HTML);
    expect(reply.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(reply.headers.get('set-cookie')).toBe(`${accessCookieName(rig.server.port)}=${rig.server.accessKey}; HttpOnly; SameSite=Strict; Path=/`);
  });

  it('accepts the cookie alone for the relative asset loads that follow', async () => {
    const cookie = `${accessCookieName(rig.server.port)}=${rig.server.accessKey}`;
    const reply = await get(rig.href('/assets/app.js'), { cookie });
    expect(reply.status).toBe(200);
    expect(reply.text).toBe(APP_JS);
    expect(reply.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(reply.headers.get('set-cookie')).toBeNull();
  });

  it('refuses a cookie with the wrong key, or one named for another port', async () => {
    expect((await get(rig.href('/assets/app.js'), { cookie: `${accessCookieName(rig.server.port)}=not-the-key` })).status).toBe(401);
    expect((await get(rig.href('/assets/app.js'), { cookie: `${accessCookieName(rig.server.port + 1)}=${rig.server.accessKey}` })).status).toBe(401);
  });

  it.each<[string, (key: string) => string, Record<string, string>]>([
    ['no key', () => '/', {}],
    ['a wrong key of the right length', () => `/?key=${'A'.repeat(43)}`, {}],
    ['the key less its last character', (key) => `/?key=${key.slice(0, -1)}`, {}],
    ['the key given twice', (key) => `/?key=${key}&key=${key}`, {}],
    ['a wrong bearer token', () => '/assets/app.js', { authorization: 'Bearer wrong' }],
  ])('answers 401 with API_UNAUTHORIZED for %s', async (_name, path, headers) => {
    const reply = await get(rig.href(path(rig.server.accessKey)), headers);
    expect(reply.status).toBe(401);
    expect(reply.json()).toEqual({ code: 'API_UNAUTHORIZED', message: 'A valid access key is required.', remedy: ERROR_CATALOG.API_UNAUTHORIZED.remedy });
    expect(reply.headers.get('www-authenticate')).toBe('Bearer realm="ChainLens"');
  });

  it('sends the strict security headers on every answer, refusals included', async () => {
    for (const reply of [await get(rig.server.url), await get(rig.href('/')), await get(rig.href('/assets/app.js'), bearer(rig))]) {
      expect(reply.headers.get('content-security-policy')).toBe(contentSecurityPolicy(rig.server.port));
      expect(reply.headers.get('x-content-type-options')).toBe('nosniff');
      expect(reply.headers.get('referrer-policy')).toBe('no-referrer');
      expect(reply.headers.get('x-frame-options')).toBe('DENY');
    }
    expect(contentSecurityPolicy(rig.server.port)).toContain(`connect-src 'self' ws://127.0.0.1:${rig.server.port} ws://localhost:${rig.server.port}`);
  });

  it('refuses a foreign Host header (DNS rebinding) with 403 even with the key', async () => {
    for (const host of ['evil.example', `evil.example:${rig.server.port}`, `127.0.0.1:${rig.server.port + 1}`, `0.0.0.0:${rig.server.port}`]) {
      const reply = await rawGet(rig.server.port, `/?key=${rig.server.accessKey}`, { host });
      expect(reply.status, host).toBe(403);
      expect(JSON.parse(reply.body)).toEqual({
        code: 'API_FORBIDDEN',
        message: 'The Host header must be 127.0.0.1 or localhost with this port.',
        remedy: ERROR_CATALOG.API_FORBIDDEN.remedy,
      });
    }
    expect((await rawGet(rig.server.port, `/?key=${rig.server.accessKey}`, { host: `localhost:${rig.server.port}` })).status).toBe(200);
  });

  it('refuses a request from another origin with 403 and accepts our own', async () => {
    for (const origin of ['https://evil.example', 'null', `http://127.0.0.1:${rig.server.port + 1}`, `http://localhost:${rig.server.port}`]) {
      expect((await get(rig.server.url, { origin })).status, origin).toBe(403);
    }
    expect((await get(rig.server.url, { origin: rig.server.origin })).status).toBe(200);
  });

  it.each([
    ['/../secret.txt'],
    ['/%2e%2e/secret.txt'],
    ['/assets/..%2f..%2fsecret.txt'],
    ['/assets/%2e%2e%2f%2e%2e%2fsecret.txt'],
    ['/..%5csecret.txt'],
    ['/%00index.html'],
    ['/.hidden'],
    ['/%E0%A4%A'],
  ])('never serves a file outside the renderer folder: %s', async (path) => {
    const reply = await rawGet(rig.server.port, path, { host: `127.0.0.1:${rig.server.port}`, ...bearer(rig) });
    expect(reply.body).not.toContain(OUTSIDE_SECRET);
    expect([403, 404]).toContain(reply.status);
  });

  it('answers 404 SERVE_NOT_FOUND for a file that does not exist, and 405 for other methods', async () => {
    const missing = await get(rig.href('/assets/nope.js'), bearer(rig));
    expect(missing.status).toBe(404);
    expect((missing.json() as { code: string }).code).toBe('SERVE_NOT_FOUND');
    const post = await fetch(rig.href('/'), { method: 'POST', headers: bearer(rig), body: 'x' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
    await post.text();
  });

  it('refuses WebSocket upgrades without the key, from another origin, without an origin, or with a foreign Host', async () => {
    const base = `ws://127.0.0.1:${rig.server.port}/api`;
    const keyed = `${base}?key=${rig.server.accessKey}`;
    expect(await refusedUpgradeStatus(base, { origin: rig.server.origin })).toBe(401);
    expect(await refusedUpgradeStatus(`${base}?key=wrong`, { origin: rig.server.origin })).toBe(401);
    expect(await refusedUpgradeStatus(keyed, { origin: 'https://evil.example' })).toBe(403);
    expect(await refusedUpgradeStatus(keyed, {})).toBe(403);
    expect(await refusedUpgradeStatus(keyed, { origin: 'http://evil.example', headers: { host: 'evil.example' } })).toBe(403);
    expect(await refusedUpgradeStatus(`ws://127.0.0.1:${rig.server.port}/other?key=${rig.server.accessKey}`, { origin: rig.server.origin })).toBe(404);
    expect(rig.server.api.counters.connections).toBe(0);
  });

  it('never lets the DhanHQ access token reach a page: every HTTP body and WebSocket frame is free of it', async () => {
    const token = rig.sim.accessToken;
    expect(token).toBe(FAKE_TOKEN);
    expect(rig.runtime.engine.appState().credentials.status).toBe('ok');
    const expiry = rig.runtime.engine.appState().defaultSelection?.expiry ?? '';
    const bodies = [
      (await get(rig.server.url)).text,
      (await get(rig.href('/assets/app.js'), bearer(rig))).text,
      (await get(rig.href(`/api/v2/options/live?underlying=NIFTY&expiry=${expiry}`), bearer(rig))).text,
      (await get(rig.href('/api/v2/options/live'), bearer(rig))).text,
      (await get(rig.href('/'))).text,
    ];
    const { socket, frames } = await openApiSocket(rig);
    const methods = ['getAppState', 'getDiagnostics', 'clearCredentials', 'exportSupportBundle'];
    methods.forEach((method, i) => socket.send(JSON.stringify({ id: i + 1, method, request: null })));
    socket.send(JSON.stringify({ id: 10, method: 'selectChain', request: { underlying: 'NIFTY', expiry, strikeWindow: 5 } }));
    socket.send(JSON.stringify({ id: 11, method: 'testCredentials', request: { clientId: rig.sim.clientId, accessToken: token } }));
    await waitFor(() => frames.filter((f) => f.startsWith('{"id"')).length >= 6 && frames.some((f) => f.startsWith('{"event":"diagnostics"')), 'answers and a diagnostics push');
    socket.close();
    const everything = [...bodies, ...frames];
    expect(everything.length).toBeGreaterThan(10);
    for (const text of everything) {
      expect(text).not.toContain(token);
      expect(text).not.toContain(FAKE_SIGNATURE);
    }
  });
});
