/**
 * Binds one window's webContents to an ApiBackend session over Electron IPC: exactly one
 * `ipcMain.handle` per operation in INVOKE_METHODS, and events forwarded with
 * `webContents.send(eventChannel(event), payload)`. Before anything reaches the session, the
 * sender must be our window's main frame showing our own renderer page; a message from any
 * other webContents or frame is answered API_FORBIDDEN. Payload validation happens in the
 * session (dispatchInvoke), so a malformed request is answered API_BAD_REQUEST.
 */
import {
  INVOKE_METHODS,
  eventChannel,
  invokeChannel,
  type ApiResult,
  type InvokeMethod,
} from '../../shared/api/api-contract';
import { failure, type ApiBackend, type ApiClient, type ApiSession } from '../../shared/api/api-session';
import type { Logger } from '../logging/logger';
import type { AppUrlMatcher } from './app-url';
import type { IpcInvokeEventLike, IpcMainPort, WebContentsPort } from './electron-ports';

export interface IpcHostOptions {
  readonly ipcMain: IpcMainPort;
  readonly backend: ApiBackend;
  /** The one window whose page may call the API. */
  readonly contents: WebContentsPort;
  readonly isAppUrl: AppUrlMatcher;
  readonly logger: Logger;
}

export interface IpcHost {
  /** How many calls were refused because of their sender. */
  readonly refusedCount: number;
  /** Removes every handler and closes the session; safe to call twice. */
  dispose(): void;
}

export function startIpcHost(options: IpcHostOptions): IpcHost {
  const { ipcMain, contents, isAppUrl, logger } = options;
  const client: ApiClient = {
    id: `electron-window-${contents.id}`,
    emit(event, payload) {
      // A window that is closing may still receive a final event; sending to it would throw.
      if (!contents.isDestroyed()) contents.send(eventChannel(event), payload);
    },
  };
  const session: ApiSession = options.backend.connect(client);
  let refused = 0;
  let disposed = false;

  const trustedSender = (event: IpcInvokeEventLike): string | null => {
    if (event.sender.id !== contents.id) return 'another webContents';
    const frame = event.senderFrame;
    if (frame === null) return 'a frame that no longer exists';
    const main = contents.mainFrame;
    if (frame.parent !== null || frame.frameToken !== main.frameToken || frame.processId !== main.processId) {
      return 'a subframe';
    }
    if (!isAppUrl(frame.url)) return 'a page that is not ours';
    return null;
  };

  const handle =
    (method: InvokeMethod) =>
    async (event: IpcInvokeEventLike, ...args: unknown[]): Promise<ApiResult<unknown>> => {
      const reason = trustedSender(event);
      if (reason !== null) {
        refused += 1;
        logger.warn(
          { code: 'API_FORBIDDEN', method, reason, refused },
          'refused an IPC call from an untrusted sender',
        );
        return failure('API_FORBIDDEN', `${method} refused: the request came from ${reason}`);
      }
      if (args.length > 1)
        return failure('API_BAD_REQUEST', `Invalid ${method} request: expected one argument`);
      return session.invoke(method, args[0]);
    };

  for (const method of INVOKE_METHODS) ipcMain.handle(invokeChannel(method), handle(method));

  const dispose = (): void => {
    if (disposed) return;
    disposed = true;
    for (const method of INVOKE_METHODS) ipcMain.removeHandler(invokeChannel(method));
    session.close();
    contents.removeListener('destroyed', dispose);
  };
  contents.once('destroyed', dispose);

  return {
    get refusedCount() {
      return refused;
    },
    dispose,
  };
}
