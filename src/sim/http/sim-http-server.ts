/**
 * The simulator's single loopback port: REST under /v2, the scrip master files under /api-data,
 * the control API under /control, and the feed as a WebSocket upgrade on `/`. Tracks every socket
 * so `close()` can end them all at once and never waits on a client.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { AppError } from '../../shared/errors/app-error';
import type { ControlAnswer } from '../control/control-endpoint';
import type { ScripMasterFormat } from '../instruments/scrip-master';
import type { RestOutcome, RestRequest } from '../rest/rest-router';
import type { SimLogger } from '../util/sim-logger';

export const SCRIP_MASTER_PATHS: Readonly<Record<ScripMasterFormat, string>> = {
  compact: '/api-data/api-scrip-master.csv',
  detailed: '/api-data/api-scrip-master-detailed.csv',
};

export interface HttpRoutes {
  rest(request: RestRequest): RestOutcome;
  scripMaster(format: ScripMasterFormat): Buffer;
  control(method: string, path: string, remoteAddress: string | undefined, body: string): ControlAnswer;
  upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void;
}

const MAX_BODY_BYTES = 1 << 20;

export class SimHttpServer {
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();
  private readonly hanging = new Set<ServerResponse>();
  private closing: Promise<void> | null = null;

  constructor(
    private readonly routes: HttpRoutes,
    private readonly logger: SimLogger,
  ) {
    this.server = createServer((req, res) => this.onRequest(req, res));
    this.server.on('connection', (socket: Socket) => {
      this.sockets.add(socket);
      socket.once('close', () => this.sockets.delete(socket));
    });
    this.server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => routes.upgrade(req, socket, head));
    this.server.on('clientError', (error: Error, socket: Duplex) => {
      this.logger.warn({ error: error.message }, 'malformed HTTP request');
      socket.destroy();
    });
  }

  /** Starts listening; resolves with the bound port, rejects with SIM_START_FAILED. */
  listen(port: number, host: string): Promise<number> {
    return new Promise((resolve, reject) => {
      const onError = (error: Error): void => reject(new AppError('SIM_START_FAILED', `cannot listen on ${host}:${port}: ${error.message}`, { host, port }, { cause: error }));
      this.server.once('error', onError);
      this.server.listen(port, host, () => {
        this.server.off('error', onError);
        this.server.on('error', (error) => this.logger.error({ error: error.message }, 'simulator server error'));
        const address = this.server.address();
        resolve(typeof address === 'object' && address !== null ? address.port : port);
      });
    });
  }

  /** Stops accepting, ends hanging requests and destroys every socket. */
  close(): Promise<void> {
    this.closing ??= new Promise<void>((resolve) => {
      for (const res of this.hanging) res.destroy();
      this.hanging.clear();
      this.server.close(() => resolve());
      for (const socket of this.sockets) socket.destroy();
      this.server.closeAllConnections();
    });
    return this.closing;
  }

  private onRequest(req: IncomingMessage, res: ServerResponse): void {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const method = req.method ?? 'GET';
    readBody(req)
      .then((body) => {
        if (path === '/v2' || path.startsWith('/v2/')) return this.serveRest(req, res, method, path, body);
        if (path.startsWith('/control')) {
          const answer = this.routes.control(method, path, req.socket.remoteAddress, body);
          return send(res, answer.status, 'application/json', JSON.stringify(answer.body));
        }
        for (const format of ['compact', 'detailed'] as const) {
          if (path === SCRIP_MASTER_PATHS[format]) {
            if (method !== 'GET' && method !== 'HEAD') return send(res, 405, 'text/plain', 'Method Not Allowed');
            return send(res, 200, 'text/csv', this.routes.scripMaster(format), method === 'HEAD');
          }
        }
        return send(res, 404, 'text/plain', 'Not Found');
      })
      .catch((error: unknown) => {
        const message = error instanceof Error ? error.message : String(error);
        this.logger.error({ path, error: message }, 'simulator request failed');
        if (!res.headersSent) send(res, error instanceof BodyTooLarge ? 413 : 500, 'text/plain', message);
        else res.destroy();
      });
  }

  private serveRest(req: IncomingMessage, res: ServerResponse, method: string, path: string, body: string): void {
    const outcome = this.routes.rest({ method, path, headers: req.headers, body });
    this.logger.debug({ method, path, status: outcome === 'hang' ? 'hang' : outcome.status }, 'REST request');
    if (outcome === 'hang') {
      this.hanging.add(res);
      res.once('close', () => this.hanging.delete(res));
      return;
    }
    send(res, outcome.status, outcome.contentType, outcome.body);
  }
}

class BodyTooLarge extends Error {}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new BodyTooLarge('request body over 1 MiB'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.once('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.once('error', reject);
  });
}

function send(res: ServerResponse, status: number, contentType: string, body: string | Buffer, headOnly = false): void {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  res.writeHead(status, { 'Content-Type': contentType, 'Content-Length': bytes.length });
  res.end(headOnly ? undefined : bytes);
}
