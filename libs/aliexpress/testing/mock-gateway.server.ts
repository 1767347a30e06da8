import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MockGatewayConfigError } from './mock-gateway.errors.js';
import { json, type MockReply, type Outcome } from './mock-http.reply.js';
import { UnreadableBodyError, readRequestParams } from './mock-request.reader.js';

/** The handlers behind the mock's routes. */
export interface MockGatewayRoutes {
  /** `/__mock/…`: the controls. */
  control(req: IncomingMessage, url: URL): Promise<Outcome>;
  /** `/oauth/authorize` and its decision. */
  authorize(query: URLSearchParams, httpMethod: string): Outcome;
  /** `/sync`, `/rest` and `/rest/<path>`: the gateway's API calls. */
  api(req: IncomingMessage, url: URL): Promise<MockReply>;
}

/** A small SVG standing in for a product photo, named after the file asked for. */
function placeholderImage(path: string): Outcome {
  const name = /^\/__mock\/images\/([a-z0-9-]{1,40})\.svg$/.exec(path)?.[1];
  if (!name) return json({ error: 'not_found', message: 'no such mock image' }, 404);
  let hash = 0;
  for (const c of name) hash = (hash * 31 + c.charCodeAt(0)) % 360;
  const label = name.replace(/-/g, ' ');
  const body = `<svg xmlns="http://www.w3.org/2000/svg" width="240" height="240" viewBox="0 0 240 240"><rect width="240" height="240" fill="hsl(${hash},55%,80%)"/><text x="120" y="125" font-family="sans-serif" font-size="18" text-anchor="middle" fill="#333">${label}</text></svg>`;
  return { status: 200, contentType: 'image/svg+xml', body };
}

/**
 * The mock's HTTP side on `node:http`: listening, routing each request to its handler, and writing
 * the answer (its `Date` header on the mock clock), at once or held back, or dropping the connection.
 */
export class MockGatewayServer {
  private readonly timers = new Set<NodeJS.Timeout>();
  private server?: Server;
  private baseUrl?: string;

  /** `now` is the mock clock the `Date` header follows. */
  constructor(
    private readonly routes: MockGatewayRoutes,
    private readonly now: () => number,
  ) {}

  /** Starts listening; resolves with the base URL and port. */
  async start(port: number, host: string): Promise<{ url: string; port: number }> {
    if (this.server) throw new MockGatewayConfigError('the mock gateway is already started');
    const server = createServer((req, res) => void this.dispatch(req, res));
    server.keepAliveTimeout = 5_000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
    this.server = server;
    const { port: bound, address } = server.address() as AddressInfo;
    this.baseUrl = `http://${address.includes(':') ? `[${address}]` : address}:${bound}`;
    return { url: this.baseUrl, port: bound };
  }

  /** Stops listening, drops open connections and the answers still held back. */
  async stop(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** The base URL once started. */
  get url(): string {
    if (!this.baseUrl) throw new MockGatewayConfigError('the mock gateway is not started');
    return this.baseUrl;
  }

  /** The base URL once started, else `''`. */
  baseUrlOrEmpty(): string {
    return this.baseUrl ?? '';
  }

  private async dispatch(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://mock.invalid');
    try {
      if (url.pathname.startsWith('/__mock/images/') && req.method === 'GET')
        return this.send(res, placeholderImage(url.pathname));
      if (url.pathname.startsWith('/__mock/'))
        return this.send(res, await this.routes.control(req, url));
      if (url.pathname === '/oauth/authorize' && req.method === 'GET')
        return this.send(res, this.routes.authorize(url.searchParams, req.method));
      if (url.pathname === '/oauth/authorize/decide' && req.method === 'POST') {
        const { params } = await readRequestParams(req, url);
        return this.send(res, this.routes.authorize(new URLSearchParams(params), 'POST'));
      }
      if (
        url.pathname === '/sync' ||
        url.pathname === '/rest' ||
        url.pathname.startsWith('/rest/')
      ) {
        if (req.method !== 'GET' && req.method !== 'POST')
          return this.send(
            res,
            json({ error: 'method_not_allowed', message: 'use GET or POST' }, 405),
          );
        return this.reply(req, res, await this.routes.api(req, url));
      }
      this.send(
        res,
        json(
          {
            error: 'not_found',
            message: `no route ${req.method} ${url.pathname} on the mock gateway`,
          },
          404,
        ),
      );
    } catch (error) {
      if (res.headersSent || res.destroyed) return;
      if (
        error instanceof UnreadableBodyError ||
        error instanceof MockGatewayConfigError ||
        error instanceof SyntaxError
      ) {
        return this.send(res, json({ error: 'bad_request', message: error.message }, 400));
      }
      this.send(
        res,
        json({ error: 'mock_internal_error', message: (error as Error).message }, 500),
      );
    }
  }

  private reply(req: IncomingMessage, res: ServerResponse, reply: MockReply): void {
    if (reply === 'reset') {
      req.socket.destroy();
      return;
    }
    if (reply.delayMs === undefined) return this.send(res, reply.outcome);
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.send(res, reply.outcome);
    }, reply.delayMs);
    this.timers.add(timer);
  }

  private send(res: ServerResponse, outcome: Outcome): void {
    if (res.destroyed) return;
    // the Date header follows the mock clock, so clock-skew checks can be tested
    res.writeHead(outcome.status, {
      'Content-Type': outcome.contentType,
      Date: new Date(this.now()).toUTCString(),
      ...outcome.headers,
    });
    res.end(outcome.body);
  }
}
