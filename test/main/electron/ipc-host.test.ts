import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  INVOKE_METHODS,
  eventChannel,
  invokeChannel,
  type EventMap,
  type EventName,
} from '../../../src/shared/api/api-contract';
import {
  dispatchInvoke,
  type ApiBackend,
  type ApiClient,
  type ApiHandlers,
} from '../../../src/shared/api/api-session';
import type { ChainSelection } from '../../../src/shared/api/view-types';
import { createAppUrlMatcher } from '../../../src/main/electron/app-url';
import { startIpcHost } from '../../../src/main/electron/ipc-host';
import { FakeFrame, FakeIpcMain, FakeWebContents } from './fake-electron';
import { LEVEL, memoryLog } from './log-lines';

const HTML = '/app/out/renderer/index.html';
const APP_URL = pathToFileURL(HTML).href;
const SELECTION: ChainSelection = { underlying: 'NIFTY', expiry: '2026-12-01', strikeWindow: 10 };

/** A backend whose session validates with the real dispatchInvoke and records what reached the handlers. */
function recordingBackend() {
  const calls: { method: string; request: unknown }[] = [];
  const clients: ApiClient[] = [];
  let closed = 0;
  const record =
    <T>(method: string, value: T) =>
    async (request: unknown): Promise<T> => {
      calls.push({ method, request });
      return value;
    };
  const handlers = Object.fromEntries(
    INVOKE_METHODS.map((m) => [m, record(m, null)]),
  ) as unknown as ApiHandlers;
  handlers.selectChain = record('selectChain', { echoed: true }) as unknown as ApiHandlers['selectChain'];
  const backend: ApiBackend = {
    connect(client) {
      clients.push(client);
      return {
        invoke: (method, payload) => dispatchInvoke(handlers, method, payload, () => undefined),
        close: () => {
          closed += 1;
        },
      };
    },
  };
  return { backend, calls, clients, closedCount: () => closed };
}

function hosted() {
  const ipcMain = new FakeIpcMain();
  const contents = new FakeWebContents(3, APP_URL);
  const backend = recordingBackend();
  const log = memoryLog();
  const host = startIpcHost({
    ipcMain,
    backend: backend.backend,
    contents,
    isAppUrl: createAppUrlMatcher({ rendererHtmlPath: HTML }),
    logger: log.logger,
  });
  return { ipcMain, contents, backend, log, host };
}

describe('startIpcHost', () => {
  it('registers exactly one handler per API operation, on the contract channel names', () => {
    const { ipcMain } = hosted();
    expect([...ipcMain.handlers.keys()].sort()).toEqual(INVOKE_METHODS.map(invokeChannel).sort());
    expect(ipcMain.handlers.size).toBe(14);
    expect(ipcMain.handlers.has('chainlens:invoke:selectChain')).toBe(true);
  });

  it('routes a call from our window main frame through the validating session', async () => {
    const { ipcMain, contents, backend } = hosted();
    const result = await ipcMain.invoke(invokeChannel('selectChain'), contents.mainFrameEvent(), SELECTION);
    expect(result).toEqual({ ok: true, value: { echoed: true } });
    expect(backend.calls).toEqual([{ method: 'selectChain', request: SELECTION }]);
  });

  it('answers API_BAD_REQUEST for a malformed payload without reaching the handler', async () => {
    const { ipcMain, contents, backend } = hosted();
    const result = await ipcMain.invoke(invokeChannel('selectChain'), contents.mainFrameEvent(), {
      ...SELECTION,
      extra: 1,
    });
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'API_BAD_REQUEST',
        message: 'Invalid selectChain request: request: unrecognized_keys',
        remedy: 'This is a bug in the caller; nothing was changed.',
      },
    });
    expect(backend.calls).toEqual([]);
  });

  it('answers API_BAD_REQUEST when a call carries more than one argument', async () => {
    const { ipcMain, contents, backend } = hosted();
    const result = (await ipcMain.invoke(
      invokeChannel('getAppState'),
      contents.mainFrameEvent(),
      null,
      'extra',
    )) as { ok: boolean; error: { code: string } };
    expect(result.ok).toBe(false);
    expect(result.error.code).toBe('API_BAD_REQUEST');
    expect(backend.calls).toEqual([]);
  });

  it('refuses a call from another webContents with API_FORBIDDEN', async () => {
    const { ipcMain, backend, log, host } = hosted();
    const stranger = new FakeWebContents(99, APP_URL);
    const result = await ipcMain.invoke(invokeChannel('saveCredentials'), stranger.mainFrameEvent(), {
      clientId: '1100',
      accessToken: 'abcdefghijkl',
    });
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'API_FORBIDDEN',
        message: 'saveCredentials refused: the request came from another webContents',
        remedy: 'Nothing was changed.',
      },
    });
    expect(backend.calls).toEqual([]);
    expect(host.refusedCount).toBe(1);
    expect((await log.lines()).map((l) => [l.level, l.code, l.reason])).toEqual([
      [LEVEL.warn, 'API_FORBIDDEN', 'another webContents'],
    ]);
  });

  it('refuses a call from a subframe of our window', async () => {
    const { ipcMain, contents, backend } = hosted();
    const iframe = new FakeFrame(APP_URL, 'frame-child', contents.mainFrame.processId, contents.mainFrame);
    const result = (await ipcMain.invoke(invokeChannel('getDiagnostics'), {
      sender: contents,
      senderFrame: iframe,
    })) as { error: { code: string; message: string } };
    expect(result.error).toEqual({
      code: 'API_FORBIDDEN',
      message: 'getDiagnostics refused: the request came from a subframe',
      remedy: 'Nothing was changed.',
    });
    expect(backend.calls).toEqual([]);
  });

  it('refuses a call from our main frame once it shows a page that is not ours', async () => {
    const { ipcMain, contents, backend } = hosted();
    contents.mainFrame.url = 'https://evil.example/';
    const result = (await ipcMain.invoke(invokeChannel('clearCredentials'), contents.mainFrameEvent())) as {
      error: { code: string; message: string };
    };
    expect(result.error.message).toBe(
      'clearCredentials refused: the request came from a page that is not ours',
    );
    expect(backend.calls).toEqual([]);
  });

  it('refuses a call whose frame is already gone', async () => {
    const { ipcMain, contents } = hosted();
    const result = (await ipcMain.invoke(invokeChannel('getAppState'), {
      sender: contents,
      senderFrame: null,
    })) as { error: { code: string } };
    expect(result.error.code).toBe('API_FORBIDDEN');
  });

  it('forwards engine events to the window on the contract event channels', () => {
    const { contents, backend } = hosted();
    const client = backend.clients[0] as ApiClient;
    expect(client.id).toBe('electron-window-3');
    const tickLog: EventMap['tickLog'] = [];
    client.emit<EventName>('tickLog', tickLog);
    expect(contents.sent).toEqual([{ channel: eventChannel('tickLog'), payload: tickLog }]);
    expect(contents.sent[0]?.channel).toBe('chainlens:event:tickLog');
  });

  it('removes its handlers and closes the session when the window is destroyed, and stops sending', () => {
    const { ipcMain, contents, backend, host } = hosted();
    contents.destroy();
    expect(ipcMain.handlers.size).toBe(0);
    expect(backend.closedCount()).toBe(1);
    backend.clients[0]?.emit('tickLog', []);
    expect(contents.sent).toEqual([]);
    host.dispose();
    expect(backend.closedCount()).toBe(1);
  });

  it('can be started again for a new window after disposal', () => {
    const { ipcMain, host } = hosted();
    host.dispose();
    const next = new FakeWebContents(4, APP_URL);
    startIpcHost({
      ipcMain,
      backend: recordingBackend().backend,
      contents: next,
      isAppUrl: createAppUrlMatcher({ rendererHtmlPath: HTML }),
      logger: memoryLog().logger,
    });
    expect(ipcMain.handlers.size).toBe(14);
  });
});
