import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { ALIEXPRESS_OPTIONS } from '../aliexpress.constants.js';
import type { ResolvedAliexpressOptions } from '../config/aliexpress-options.interface.js';
import { AliexpressArgumentError, AliexpressTransportError } from '../errors/aliexpress.errors.js';
import { isApiPath, isMethodName, type GatewayCall } from '../signing/gateway-request.builder.js';
import type { ParamRecord } from '../signing/sign-params.js';
import { SignatureService } from '../signing/signature.service.js';
import { readBusinessEnvelope, readSystemEnvelope } from './gateway-envelope.reader.js';
import { parseGatewayJson, type GatewayJson, type GatewayObject } from './gateway-json.parser.js';
import { GatewayTransport, type GatewayHttpResponse } from './gateway.transport.js';
import { RequestPacer } from '../pacing/request.pacer.js';
import { METHOD_PACING, type MethodPacing } from '../pacing/method.pacing.js';
import { PacingTimeoutError } from '../pacing/pacing-timeout.error.js';

/** Parameters the client sets itself; a caller passing one gets an argument error. */
const RESERVED = new Set([
  'app_key',
  'sign',
  'sign_method',
  'timestamp',
  'method',
  'session',
  'access_token',
]);
const CONNECT_FAILURES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  // a proxy variable that is not a URL: the request never left
  'EPROXYURL',
]);

/**
 * Why a parameter value cannot be sent, or undefined: values travel as text, objects as their
 * JSON text, so a function, a symbol, or an object JSON cannot write (a cycle, a bigint inside)
 * is refused before anything is signed.
 */
function unsendable(value: unknown): string | undefined {
  if (typeof value === 'function' || typeof value === 'symbol')
    return 'cannot be sent (a function or a symbol)';
  if (typeof value !== 'object' || value === null) return undefined;
  try {
    JSON.stringify(value);
    return undefined;
  } catch {
    return 'must be JSON-serialisable (no cycles, no bigint inside objects)';
  }
}

/**
 * The one place that talks to the gateway: signs, sends form-urlencoded POSTs, parses both envelope
 * shapes losslessly and turns every failure into a typed error.
 */
@Injectable()
export class GatewayClient {
  private readonly logger = new Logger('AliexpressGateway');

  constructor(
    @Inject(GatewayTransport) private readonly transport: GatewayTransport,
    private readonly signer: SignatureService,
    @Inject(ALIEXPRESS_OPTIONS) private readonly options: ResolvedAliexpressOptions,
    @Inject(RequestPacer) private readonly pacer: RequestPacer,
    /** The method's own QPS limit (the module always provides it; absent, methods are not paced). */
    @Optional() @Inject(METHOD_PACING) private readonly methodPacing?: MethodPacing,
  ) {}

  /**
   * Calls a system interface: `POST {baseUrl}/rest{apiPath}`, signed with the path as prefix, no
   * `method`. `call.maxPacingWaitMs`: the longest this call may wait for its pacing slot (default
   * as for every call: `retry.maxElapsedMs`, at least `timeoutMs`); the token refresh passes
   * `timeoutMs`, so that pacing and request fit in its lock's lease.
   */
  async callSystem(
    apiPath: string,
    params: ParamRecord = {},
    call: { maxPacingWaitMs?: number } = {},
  ): Promise<GatewayObject> {
    if (!isApiPath(apiPath)) {
      throw new AliexpressArgumentError({
        argument: 'apiPath',
        problem: 'must be a path such as "/auth/token/create"',
      });
    }
    this.checkParams(params);
    const body = await this.send({ api: apiPath, params }, call.maxPacingWaitMs);
    return readSystemEnvelope(body, apiPath);
  }

  /** Calls a business interface: `POST {baseUrl}/sync` with `method`, `session` and `format=json`, no prefix. */
  async callBusiness(
    method: string,
    params: ParamRecord,
    accessToken: string,
  ): Promise<GatewayObject> {
    this.checkMethod(method);
    if (typeof accessToken !== 'string' || accessToken.length === 0) {
      throw new AliexpressArgumentError({
        argument: 'accessToken',
        problem: 'must be a non-empty string',
      });
    }
    this.checkParams(params);
    const body = await this.send({ api: method, params, session: accessToken });
    return readBusinessEnvelope(body, method);
  }

  /**
   * Calls a business interface with the app's own credentials (the affiliate APIs): the same
   * builder, pacing and envelope reading as {@link callBusiness}, but no `session` is sent and no
   * account token is involved, so nothing of the token layer runs.
   */
  async callApp(method: string, params: ParamRecord = {}): Promise<GatewayObject> {
    this.checkMethod(method);
    this.checkParams(params);
    const body = await this.send({ api: method, params });
    return readBusinessEnvelope(body, method);
  }

  private checkMethod(method: string): void {
    if (isMethodName(method)) return;
    throw new AliexpressArgumentError({
      argument: 'method',
      problem: method?.startsWith?.('/')
        ? 'is a system interface path: call callSystem() (it goes to /rest{path}), not /sync'
        : 'must be an API name such as "aliexpress.ds.product.get"',
    });
  }

  private checkParams(params: ParamRecord): void {
    if (params === null || typeof params !== 'object' || Array.isArray(params)) {
      throw new AliexpressArgumentError({
        argument: 'params',
        problem: 'must be an object of parameters',
      });
    }
    for (const key of Object.keys(params)) {
      if (RESERVED.has(key))
        throw new AliexpressArgumentError({
          argument: `params.${key}`,
          problem: 'is set by the client; do not pass it',
        });
      const problem = unsendable(params[key]);
      if (problem) throw new AliexpressArgumentError({ argument: `params.${key}`, problem });
    }
  }

  private async send(
    call: Omit<GatewayCall, 'appKey' | 'timestamp'>,
    maxPacingWaitMs?: number,
  ): Promise<GatewayJson> {
    const apiName = call.api;
    // pace first: the timestamp must be taken when the request actually leaves; the method's
    // own limit, then the app's, both within the call's pacing budget
    await this.pace(apiName, maxPacingWaitMs);
    const request = this.signer.build({ ...call, timestamp: String(this.options.clock.now()) });
    // one verbose line per call (an app's logger levels decide whether it shows), with
    // parameter names only: values carry buyers' names, addresses, phones and tax ids
    const target = request.path === `/rest${apiName}` ? request.path : `${request.path} ${apiName}`;
    const sent = `POST ${target} params=[${request.entries.map(([k]) => k).join(',')}]`;
    const started = Date.now();
    let response: GatewayHttpResponse;
    try {
      response = await this.transport.post(this.options.baseUrl + request.path, request.body, {
        timeoutMs: this.options.timeoutMs,
        maxResponseBytes: this.options.maxResponseBytes,
      });
    } catch (error) {
      const failure = this.transportError(error, apiName);
      this.logger.verbose(`${sent} → ${failure.kind} after ${Date.now() - started} ms`);
      throw failure;
    }
    const elapsed = Date.now() - started;
    this.logger.verbose(`${sent} → HTTP ${response.status} in ${elapsed} ms`);
    const contentType = response.contentType ?? 'no content type';
    const raw = response.body;
    if (response.status >= 300) {
      throw new AliexpressTransportError({
        kind: 'http-status',
        apiName,
        message: `the gateway answered HTTP ${response.status} (${contentType})`,
        status: response.status,
      });
    }
    try {
      return parseGatewayJson(raw);
    } catch {
      throw new AliexpressTransportError({
        kind: 'invalid-body',
        apiName,
        message: `the gateway answered a body that is not JSON (${contentType}, ${raw.length} bytes)`,
        status: response.status,
      });
    }
  }

  /**
   * Waits for the method's slot, then the app's, within the call's pacing budget (by default the
   * time a call may take with its retries, `retry.maxElapsedMs`, and at least `timeoutMs`): a slot
   * further away is a `timeout` that never reached the gateway (nothing was sent). The request
   * itself then has its own `timeoutMs`.
   */
  private async pace(apiName: string, maxWaitMs?: number): Promise<void> {
    const budget = maxWaitMs ?? Math.max(this.options.timeoutMs, this.options.retry.maxElapsedMs);
    const deadline = performance.now() + budget;
    try {
      await this.methodPacing?.acquire(apiName, deadline - performance.now());
      await this.pacer.acquire(deadline - performance.now());
    } catch (error) {
      if (!(error instanceof PacingTimeoutError)) throw error;
      throw new AliexpressTransportError({
        kind: 'timeout',
        apiName,
        message: `no slot under the QPS limit within ${Math.round(budget)} ms; not sent`,
        mayHaveReachedGateway: false,
      });
    }
  }

  /**
   * Maps a transport failure (a `GatewayTransportFailure`, or any error with a `code`) to a
   * typed error; the original error is not kept.
   */
  private transportError(error: unknown, apiName: string): AliexpressTransportError {
    const raw = (error as { code?: unknown } | undefined)?.code;
    const code = typeof raw === 'string' ? raw : undefined;
    if (code === 'ETIMEDOUT' || code === 'ECONNABORTED') {
      return new AliexpressTransportError({
        kind: 'timeout',
        apiName,
        message: `no answer within ${this.options.timeoutMs} ms`,
      });
    }
    if (code === 'ERR_RESPONSE_TOO_LARGE') {
      return new AliexpressTransportError({
        kind: 'response-too-large',
        apiName,
        message: `the gateway answered more than maxResponseBytes (${this.options.maxResponseBytes} bytes); not read further`,
      });
    }
    if (code && CONNECT_FAILURES.has(code)) {
      return new AliexpressTransportError({
        kind: 'connection',
        apiName,
        message: `could not connect to the gateway (${code})`,
        mayHaveReachedGateway: false,
      });
    }
    return new AliexpressTransportError({
      kind: 'connection',
      apiName,
      message: `the connection failed (${code ?? 'unknown error'})`,
    });
  }
}
