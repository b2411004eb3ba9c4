import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiBackend, ApiClient, ApiSession } from '../../../src/shared/api/api-session';
import type { TickLogEntry } from '../../../src/shared/api/view-types';
import { AppError } from '../../../src/shared/errors/app-error';
import { ERROR_CATALOG } from '../../../src/shared/errors/error-catalog';
import { createMemoryLogger } from '../../../src/main/logging/logger';
import { Redactor } from '../../../src/main/logging/redactor';
import { startBrowserServer, type BrowserServer } from '../../../src/main/serve/browser-server';
import { systemClock, systemScheduler } from '../../../src/main/util/system-clock';
import { waitFor } from './serve-fixture';

/** A backend whose pushes the test drives by hand; it records what the host did with sessions. */
class HandDrivenBackend implements ApiBackend {
  readonly clients: ApiClient[] = [];
  readonly closed: string[] = [];
  /** What the next connect does: open a session, or throw like a broken engine would. */
  refuse = false;
  /** What invoke does: answer, or break its never-reject promise. */
  invokeRejects = false;
  connect(client: ApiClient): ApiSession {
    if (this.refuse) throw new Error('engine not ready for sessions');
    this.clients.push(client);
    return {
      invoke: () => (this.invokeRejects ? Promise.reject(new Error('handler blew up')) : Promise.resolve({ ok: true as const, value: null })),
      close: () => {
        this.closed.push(client.id);
      },
    };
  }
}

const LIMIT = 256 * 1024;

/** A tick-log entry padded to `bytes`, so a few pushes fill a socket. */
function bulkyEntry(bytes: number): TickLogEntry {
  return { atMs: 1, segment: 2, securityId: 35001, kind: 'quote', label: 'x'.repeat(bytes), ltp: 1, ltq: 1, oi: 1, volume: 1 };
}

describe('the WebSocket API host with a hand-driven backend', () => {
  let dir: string;
  let server: BrowserServer;
  let backend: HandDrivenBackend;
  let lines: () => string[];

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'chainlens-bp-'));
    await writeFile(join(dir, 'index.html'), '<!doctype html>');
    backend = new HandDrivenBackend();
    const redactor = new Redactor();
    const memory = createMemoryLogger(redactor, 'debug');
    lines = memory.lines;
    server = await startBrowserServer({
      backend,
      chains: { chainNow: () => { throw new AppError('MASTER_NOT_LOADED'); } },
      rendererDir: dir,
      logger: memory.logger,
      redactor,
      clock: systemClock,
      scheduler: systemScheduler,
      maxBufferedBytes: LIMIT,
    });
  });
  afterEach(async () => {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('is closed with 1013 once its unsent queue passes the bound, and its session is closed at once', async () => {
    const client = new WebSocket(`ws://127.0.0.1:${server.port}/api?key=${server.accessKey}`, { origin: server.origin });
    await new Promise<void>((resolve, reject) => {
      client.once('open', () => resolve());
      client.once('error', reject);
    });
    const closeCode = new Promise<number>((resolve) => client.once('close', (code) => resolve(code)));
    client.pause(); // stop reading: the kernel buffers fill, then the server's queue grows
    const api = await waitFor(() => backend.clients[0], 'the session');
    const entry = bulkyEntry(64 * 1024);
    let pushes = 0;
    while (server.api.counters.slowClientsClosed === 0 && pushes < 2_000) {
      api.emit('tickLog', [entry]);
      pushes += 1;
      if (pushes % 50 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    expect(server.api.counters.slowClientsClosed).toBe(1);
    expect(backend.closed).toEqual([api.id]);
    // Further pushes after the close are dropped, not queued.
    api.emit('tickLog', [entry]);
    expect(backend.closed).toEqual([api.id]);
    const warning = lines().find((l) => l.includes('SERVE_CLIENT_TOO_SLOW'));
    expect(warning).toContain(`"limitBytes":${LIMIT}`);
    client.resume();
    expect(await closeCode).toBe(1013);
  });

  it('keeps a tab that reads, however many events it receives', async () => {
    const client = new WebSocket(`ws://127.0.0.1:${server.port}/api?key=${server.accessKey}`, { origin: server.origin });
    let received = 0;
    client.on('message', () => (received += 1));
    await new Promise<void>((resolve) => client.once('open', () => resolve()));
    const api = await waitFor(() => backend.clients[0], 'the session');
    const entry = bulkyEntry(16 * 1024);
    for (let round = 0; round < 40; round++) {
      for (let i = 0; i < 10; i++) api.emit('tickLog', [entry]);
      await waitFor(() => received === (round + 1) * 10, 'the round to arrive');
    }
    expect(server.api.counters.slowClientsClosed).toBe(0);
    expect(backend.closed).toEqual([]);
    client.close();
    await waitFor(() => backend.closed.length === 1, 'the session to close');
  });
  it('closes the socket with 1011 and logs when the backend refuses a session', async () => {
    backend.refuse = true;
    const client = new WebSocket(`ws://127.0.0.1:${server.port}/api?key=${server.accessKey}`, { origin: server.origin });
    const code = await new Promise<number>((resolve) => client.once('close', (closeCode) => resolve(closeCode)));
    expect(code).toBe(1011);
    await waitFor(() => lines().some((l) => l.includes('the engine refused a browser session')), 'the log line');
  });

  it('still answers, with API_INTERNAL, when a session breaks its never-reject promise', async () => {
    backend.invokeRejects = true;
    const client = new WebSocket(`ws://127.0.0.1:${server.port}/api?key=${server.accessKey}`, { origin: server.origin });
    const frames: string[] = [];
    client.on('message', (data) => frames.push(String(data)));
    await new Promise<void>((resolve) => client.once('open', () => resolve()));
    client.send(JSON.stringify({ id: 4, method: 'getAppState', request: null }));
    const reply = await waitFor(() => frames[0], 'the answer');
    expect(JSON.parse(reply)).toEqual({
      id: 4,
      result: { ok: false, error: { code: 'API_INTERNAL', message: 'The request failed unexpectedly.', remedy: ERROR_CATALOG.API_INTERNAL.remedy } },
    });
    client.close();
  });
});
