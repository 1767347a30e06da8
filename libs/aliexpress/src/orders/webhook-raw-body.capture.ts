import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import {
  Inject,
  Injectable,
  Logger,
  PayloadTooLargeException,
  type OnModuleInit,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { errorBody } from '../errors/aliexpress-error.body.js';
import { ALIEXPRESS_OPTIONS } from '../aliexpress.constants.js';
import type { ResolvedAliexpressOptions } from '../config/aliexpress-options.interface.js';

/** Where the captured body of a webhook request is kept on the Node request. */
export const WEBHOOK_RAW_BODY = Symbol('aliexpress:webhook-raw-body');

/** What the capture left on a webhook request: the bytes, or that there were too many. */
export type CapturedBody = { bytes: Buffer } | { tooLarge: true };

/**
 * What Fastify's body parser reads for a push: the bytes as they came when they are JSON, else
 * `null` (the route reads the raw body and refuses it with its own 400, in the library's error
 * shape, rather than Fastify's parser answering first). The stream says how many bytes were
 * received, so Fastify's Content-Length check holds.
 */
function parsablePayload(bytes: Buffer): Readable {
  let json = true;
  try {
    JSON.parse(bytes.toString('utf8'));
  } catch {
    json = false;
  }
  const stream = Readable.from([json ? bytes : Buffer.from('null')]);
  return Object.assign(stream, { receivedEncodedLength: bytes.length });
}

/** The 413 of a push past `webhookMaxBodyBytes`, in the library's one error shape. */
export function webhookBodyTooLarge(limit: number): PayloadTooLargeException {
  return new PayloadTooLargeException(
    errorBody(413, 'body_too_large', `the body is over ${limit} bytes`),
  );
}

type Next = (error?: unknown) => void;
type CapturingRequest = IncomingMessage & {
  [WEBHOOK_RAW_BODY]?: CapturedBody;
  /** body-parser's "already read" flag: version 1 (Express 4) reads the stream again without it. */
  _body?: boolean;
};

/** The part of Express's app the capture uses (Express 5: `app.router.stack`). */
interface ExpressAppLike {
  use(handler: (req: IncomingMessage, res: unknown, next: Next) => void): unknown;
  /** Express 5's router; on Express 4 (NestJS 10) this getter throws, so read `_router` first. */
  router?: ExpressRouterLike;
  /** Express 4's router. */
  _router?: ExpressRouterLike;
}

/** The part of an Express router the capture reorders. */
interface ExpressRouterLike {
  stack?: Array<{ handle?: unknown }>;
}

/** The part of a Fastify instance the capture uses. */
interface FastifyLike {
  addHook(
    name: 'preParsing',
    hook: (
      request: { raw: IncomingMessage },
      reply: unknown,
      payload: NodeJS.ReadableStream,
      done: (error: Error | null, payload?: NodeJS.ReadableStream) => void,
    ) => void,
  ): unknown;
}

/** The body captured for this request, if the webhook capture saw it (either platform). */
export function capturedBody(request: unknown): CapturedBody | undefined {
  const req = request as { raw?: CapturingRequest } & CapturingRequest;
  return req[WEBHOOK_RAW_BODY] ?? req.raw?.[WEBHOOK_RAW_BODY];
}

/**
 * Reads a stream to its end. Past `limit` bytes the rest is read and dropped (`tooLarge`), or, with
 * `stopEarly`, the reading ends at once (the caller answers 413 and lets the platform close).
 */
function readLimited(
  stream: NodeJS.ReadableStream,
  limit: number,
  stopEarly: boolean,
  done: (body: CapturedBody | Error) => void,
): void {
  const chunks: Buffer[] = [];
  let size = 0;
  let finished = false;
  const finish = (body: CapturedBody | Error) => {
    if (finished) return;
    finished = true;
    done(body);
  };
  stream.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size <= limit) chunks.push(chunk);
    else if (chunks.length) chunks.length = 0;
    if (size > limit && stopEarly) finish({ tooLarge: true });
  });
  stream.on('end', () =>
    finish(size > limit ? { tooLarge: true } : { bytes: Buffer.concat(chunks) }),
  );
  stream.on('error', (error: Error) => finish(error));
}

/**
 * Gives the webhook route its raw body whatever the app's body-parser settings: `rawBody` on or
 * off, Express or Fastify. The signature is over the exact bytes, and Nest's JSON parsers (which
 * run before any route middleware) would otherwise consume or reparse them. On Express, a small
 * handler placed before the body parsers reads POSTs to `…/<webhookPath>` itself (the parsers then
 * find the body read and leave it); on Fastify, a `preParsing` hook copies those bodies and hands
 * the parser the same bytes. Both stop at `webhookMaxBodyBytes` (413).
 */
@Injectable()
export class WebhookRawBodyCapture implements OnModuleInit {
  private readonly logger = new Logger('AliexpressWebhook');
  private readonly suffix: string;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(ALIEXPRESS_OPTIONS) private readonly options: ResolvedAliexpressOptions,
  ) {
    this.suffix = `/${options.webhookPath}`;
  }

  onModuleInit(): void {
    const adapter = this.adapterHost?.httpAdapter;
    if (!adapter) return; // an application context without HTTP: no route to serve
    const type = adapter.getType();
    if (type === 'express') this.onExpress(adapter.getInstance<ExpressAppLike>());
    else if (type === 'fastify') this.onFastify(adapter.getInstance<FastifyLike>());
    else
      this.logger.warn(
        `HTTP platform "${type}": the webhook reads req.rawBody, so create the app with { rawBody: true }`,
      );
  }

  /** Whether a request is a POST to the webhook path (behind any global prefix). */
  private targets(req: IncomingMessage): boolean {
    if (req.method !== 'POST' || !req.url) return false;
    const path = req.url.split('?', 1)[0].replace(/\/+$/, '');
    return path === this.suffix || path.endsWith(this.suffix);
  }

  private onExpress(app: ExpressAppLike): void {
    const limit = this.options.webhookMaxBodyBytes;
    const capture = (req: CapturingRequest, _res: unknown, next: Next) => {
      if (!this.targets(req) || req[WEBHOOK_RAW_BODY]) return next();
      // read to the end even when too large: the body parsers after must find it consumed
      readLimited(req, limit, false, (body) => {
        if (body instanceof Error) return next(body);
        req[WEBHOOK_RAW_BODY] = body;
        req._body = true;
        next();
      });
    };
    app.use(capture);
    const stack = (app._router ?? app.router)?.stack;
    const at = stack?.findIndex((layer) => layer.handle === capture) ?? -1;
    if (!stack || at < 0) {
      this.logger.warn(
        'could not place the webhook body reader first: create the app with { rawBody: true }',
      );
      return;
    }
    // before Nest's json/urlencoded parsers, which app.init() registered earlier
    stack.unshift(...stack.splice(at, 1));
  }

  private onFastify(fastify: FastifyLike): void {
    const limit = this.options.webhookMaxBodyBytes;
    try {
      fastify.addHook('preParsing', (request, _reply, payload, done) => {
        if (!this.targets(request.raw)) return done(null, payload);
        readLimited(payload, limit, true, (body) => {
          if (body instanceof Error) return done(body);
          if ('tooLarge' in body) return done(webhookBodyTooLarge(limit));
          (request.raw as CapturingRequest)[WEBHOOK_RAW_BODY] = body;
          done(null, parsablePayload(body.bytes));
        });
      });
    } catch (error) {
      this.logger.warn(
        `could not add the webhook body hook (${(error as Error).message}): create the app with { rawBody: true }`,
      );
    }
  }
}
