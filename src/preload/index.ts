/**
 * The preload builds one narrow API object from the shared contract and exposes it to the
 * sandboxed renderer as window.chainlens. It never exposes ipcRenderer itself.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { API_GLOBAL_NAME, eventChannel, invokeChannel, type ApiResult } from '../shared/api/api-contract';
import { buildApi, type ApiTransport } from '../shared/api/api-bridge';

const transport: ApiTransport = {
  kind: 'electron',
  invoke: (method, request) => ipcRenderer.invoke(invokeChannel(method), request) as Promise<ApiResult<unknown>>,
  subscribe: (event, listener) => {
    const channel = eventChannel(event);
    const handler = (_event: IpcRendererEvent, payload: Parameters<typeof listener>[0]): void => listener(payload);
    ipcRenderer.on(channel, handler);
    return () => {
      ipcRenderer.removeListener(channel, handler);
    };
  },
};

contextBridge.exposeInMainWorld(API_GLOBAL_NAME, buildApi(transport));
