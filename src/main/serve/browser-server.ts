/**
 * The browser mode's server: the built renderer, the API WebSocket and the read-only JSON
 * endpoint on 127.0.0.1 only. Every request passes the same gate first: a loopback Host
 * (against DNS rebinding), no foreign Origin, and this run's access key.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import type { ApiBackend } from '../../shared/api/api-session';
import { ACCESS_KEY_PARAM, WS_API_PATH } from '../../shared/api/ws-protocol';
import { AppError } from '../../shared/errors/app-error';
import type { ErrorCode } from '../../shared/errors/error-catalog';
import type { Clock, Scheduler } from '../../shared/util/clock';
import type { Logger } from '../logging/logger';
import type { Redactor } from '../logging/redactor';
import { AccessKeyCheck, accessCookie, accessCookieName, createAccessKey, presentedKeySource } from './access-key';
import { refuseUpgrade, sendError, sendJson } from './http-replies';
import { LIVE_CHAIN_PATH, answerLiveChain, type LiveChainSource } from './live-chain-endpoint';
import { acceptedHost, httpOriginAllowed, upgradeOriginAllowed } from './origin-policy';
import { NO_STORE, REVALIDATE, securityHeaders } from './security-headers';
import { StaticFiles, checkRendererDir } from './static-files';
import { WsApiHost } from './ws-api-host';

/** The only address the browser mode listens on. */
export const LOOPBACK_HOST = '127.0.0.1';

export interface BrowserServerOptions {
  readonly backend: ApiBackend;
  /** The engine, for the JSON endpoint. */
  readonly chains: LiveChainSource;
  /** The built renderer (out/renderer); must hold index.html. */
  readonly rendererDir: string;
  /** TCP port; 0 (default) picks a free one. */
  readonly port?: number;
  readonly logger: Logger;
  readonly redactor: Redactor;
  readonly clock: Clock;
  readonly scheduler: Scheduler;
  /** Default: 256 random bits. Tests pass their own; never logged. */
  readonly accessKey?: string;
  /** See WsApiHostOptions; defaults 256 KiB and 4 MiB. */
  readonly maxPayloadBytes?: number;
  readonly maxBufferedBytes?: number;
}

export interface BrowserServer {
  readonly port: number;
  /** http://127.0.0.1:PORT */
  readonly origin: string;
  /** The URL to open: http://127.0.0.1:PORT/?key=KEY. Print it; never log it. */
  readonly url: string;
  readonly accessKey: string;
  readonly api: WsApiHost;
  address(): AddressInfo;
  /** Closes every socket and the listener. Safe to call twice. */
  close(): Promise<void>;
}

interface Gate {
  readonly url: URL;
  readonly setCookie: boolean;
}

/**
 * Starts the server. Rejects with AppError SERVE_RENDERER_MISSING (no built renderer) or
 * SERVE_START_FAILED (the port could not be bound).
 */
export async function startBrowserServer(options: BrowserServerOptions): Promise<BrowserServer> {
  const files = new StaticFiles(await checkRendererDir(options.rendererDir));
  const accessKey = options.accessKey ?? createAccessKey();
  // The key is ours, not DhanHQ's, but it unlocks the engine: keep it out of every log line.
  options.redactor.add(accessKey);
  const keyCheck = new AccessKeyCheck(accessKey);
  const api = new WsApiHost({
    backend: options.backend,
    logger: options.logger.child({ component: 'browser-api' }),
    redactor: options.redactor,
    scheduler: options.scheduler,
    ...(options.maxPayloadBytes === undefined ? {} : { maxPayloadBytes: options.maxPayloadBytes }),
    ...(options.maxBufferedBytes === undefined ? {} : { maxBufferedBytes: options.maxBufferedBytes }),
  });
  const logger = options.logger.child({ component: 'browser-server' });
  const server = createServer();
  const port = await listen(server, options.port ?? 0);
  const headers = securityHeaders(port);
  const cookieName = accessCookieName(port);

  const gate = (request: IncomingMessage, upgrade: boolean): Gate | { status: number; code: ErrorCode; message: string } => {
    const host = acceptedHost(request.headers.host, port);
    if (host === null) return { status: 403, code: 'API_FORBIDDEN', message: 'The Host header must be 127.0.0.1 or localhost with this port.' };
    const origin = request.headers.origin;
    if (upgrade ? !upgradeOriginAllowed(origin, host) : !httpOriginAllowed(origin, host)) {
      return { status: 403, code: 'API_FORBIDDEN', message: 'Requests from another origin are refused.' };
    }
    let url: URL;
    try {
      url = new URL(request.url ?? '/', `http://${host}`);
    } catch {
      return { status: 400, code: 'API_BAD_REQUEST', message: 'The request target is not a valid URL.' };
    }
    const source = presentedKeySource(request, url, keyCheck, cookieName);
    if (source === 'none') return { status: 401, code: 'API_UNAUTHORIZED', message: 'A valid access key is required.' };
    return { url, setCookie: source === 'query' };
  };

  const onRequest = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const verdict = gate(request, false);
    if (!('url' in verdict)) {
      logger.warn({ method: request.method, status: verdict.status, reason: verdict.message }, 'request refused');
      sendError(response, verdict.status, verdict.code, verdict.message, refusalHeaders(headers, verdict.status));
      return;
    }
    const { url } = verdict;
    const replyHeaders = verdict.setCookie ? { ...headers, 'Set-Cookie': accessCookie(cookieName, accessKey) } : headers;
    const headOnly = request.method === 'HEAD';
    if (request.method !== 'GET' && !headOnly) {
      sendError(response, 405, 'API_BAD_REQUEST', 'Only GET and HEAD are served.', { ...replyHeaders, Allow: 'GET, HEAD' });
      return;
    }
    if (url.pathname === LIVE_CHAIN_PATH) {
      const answer = answerLiveChain(options.chains, url.searchParams, options.clock.nowMs(), (error) =>
        logger.error({ err: error }, 'live chain endpoint failed'),
      );
      const extra: Record<string, string> = answer.status === 503 ? { 'Retry-After': '5' } : {};
      sendJson(response, answer.status, answer.body, { ...replyHeaders, ...extra }, headOnly);
      logger.debug({ path: url.pathname, status: answer.status }, 'live chain served');
      return;
    }
    if (url.pathname === WS_API_PATH) {
      sendError(response, 426, 'API_BAD_REQUEST', `${WS_API_PATH} speaks WebSocket only.`, { ...replyHeaders, Upgrade: 'websocket' }, headOnly);
      return;
    }
    const found = await files.lookup(url.pathname);
    if (found.kind === 'refused') {
      logger.warn({ path: url.pathname, reason: found.reason }, 'static path refused');
      sendError(response, 403, 'API_FORBIDDEN', 'That path is not served.', replyHeaders, headOnly);
      return;
    }
    if (found.kind === 'not-found') {
      sendError(response, 404, 'SERVE_NOT_FOUND', 'No such file.', replyHeaders, headOnly);
      return;
    }
    response.writeHead(200, {
      ...replyHeaders,
      'Content-Type': found.contentType,
      'Content-Length': String(found.body.length),
      'Cache-Control': found.isHtml ? NO_STORE : REVALIDATE,
    });
    response.end(headOnly ? undefined : found.body);
  };

  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    onRequest(request, response).catch((error: unknown) => {
      logger.error({ err: error }, 'request failed');
      if (!response.headersSent) sendError(response, 500, 'API_INTERNAL', 'The request failed unexpectedly.', headers);
      else response.destroy();
    });
  });
  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', (error) => logger.debug({ error: error.message }, 'upgrade socket error'));
    const verdict = gate(request, true);
    if (!('url' in verdict)) {
      logger.warn({ status: verdict.status, reason: verdict.message }, 'WebSocket upgrade refused');
      refuseUpgrade(socket, verdict.status, verdict.code, verdict.message, refusalHeaders(headers, verdict.status));
      return;
    }
    if (verdict.url.pathname !== WS_API_PATH) {
      refuseUpgrade(socket, 404, 'SERVE_NOT_FOUND', `WebSocket is served at ${WS_API_PATH} only.`, headers);
      return;
    }
    api.handleUpgrade(request, socket, head);
  });
  server.on('clientError', (error: Error, socket: Duplex) => {
    logger.debug({ error: error.message }, 'malformed HTTP request');
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
  });

  const origin = `http://${LOOPBACK_HOST}:${port}`;
  logger.info({ origin }, 'browser mode listening');
  let closing: Promise<void> | null = null;
  return {
    port,
    origin,
    url: `${origin}/?${ACCESS_KEY_PARAM}=${accessKey}`,
    accessKey,
    api,
    address: () => server.address() as AddressInfo,
    close() {
      closing ??= (async () => {
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeAllConnections();
        await api.close();
        await stopped;
        logger.info({ origin }, 'browser mode closed');
      })();
      return closing;
    },
  };
}

function refusalHeaders(headers: Record<string, string>, status: number): Record<string, string> {
  return status === 401 ? { ...headers, 'WWW-Authenticate': 'Bearer realm="ChainLens"' } : headers;
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException): void => {
      reject(
        new AppError('SERVE_START_FAILED', `Could not listen on ${LOOPBACK_HOST}:${port}: ${error.code ?? error.message}.`, { port }, { cause: error }),
      );
    };
    server.once('error', onError);
    server.listen(port, LOOPBACK_HOST, () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
}
