import { HttpService } from '@nestjs/axios';
import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { AxiosError, type AxiosResponse } from 'axios';
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { ALIEXPRESS_OPTIONS } from '../aliexpress.constants';
import type { ResolvedAliexpressOptions } from '../config/aliexpress-options.interface';
import { AliexpressArgumentError, AliexpressTransportError } from '../errors/aliexpress.errors';
import type { ParamRecord } from '../signing/sign-params';
import { maskedCanonical } from '../signing/secret-params';
import { SignatureService } from '../signing/signature.service';
import { readBusinessEnvelope, readSystemEnvelope } from './gateway-envelope.reader';
import { parseGatewayJson, type GatewayJson, type GatewayObject } from './gateway-json.parser';
import { RequestPacer } from '../pacing/request.pacer';

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
const API_PATH = /^\/[A-Za-z0-9_.\-/]+$/;
const METHOD_NAME = /^[A-Za-z0-9_]+(\.[A-Za-z0-9_]+)+$/;
const CONNECT_FAILURES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

/**
 * The one place that talks to the gateway: signs, sends form-urlencoded POSTs, parses both envelope
 * shapes losslessly and turns every failure into a typed error.
 */
@Injectable()
export class GatewayClient implements OnModuleDestroy {
  private readonly logger = new Logger('AliexpressGateway');
  private readonly httpAgent = new HttpAgent({ keepAlive: true });
  private readonly httpsAgent = new HttpsAgent({ keepAlive: true });
  constructor(
    private readonly http: HttpService,
    private readonly signer: SignatureService,
    @Inject(ALIEXPRESS_OPTIONS) private readonly options: ResolvedAliexpressOptions,
    // built by the module for this app key and qpsLimit (shared through Redis when configured)
    @Inject(RequestPacer) private readonly pacer: RequestPacer,
  ) {}

  /** Calls a system interface: `POST {baseUrl}/rest{apiPath}`, signed with the path as prefix, no `method`. */
  async callSystem(apiPath: string, params: ParamRecord = {}): Promise<GatewayObject> {
    if (typeof apiPath !== 'string' || !API_PATH.test(apiPath)) {
      throw new AliexpressArgumentError({
        argument: 'apiPath',
        problem: 'must be a path such as "/auth/token/create"',
      });
    }
    this.checkParams(params);
    const body = await this.send(
      `/rest${apiPath}`,
      apiPath,
      { ...params, ...this.systemParams() },
      apiPath,
    );
    return readSystemEnvelope(body, apiPath);
  }

  /** Calls a business interface: `POST {baseUrl}/sync` with `method`, `session` and `format=json`, no prefix. */
  async callBusiness(
    method: string,
    params: ParamRecord,
    accessToken: string,
  ): Promise<GatewayObject> {
    if (typeof method !== 'string' || !METHOD_NAME.test(method)) {
      throw new AliexpressArgumentError({
        argument: 'method',
        problem: method?.startsWith?.('/')
          ? 'is a system interface path: call callSystem() (it goes to /rest{path}), not /sync'
          : 'must be an API name such as "aliexpress.ds.product.get"',
      });
    }
    if (typeof accessToken !== 'string' || accessToken.length === 0) {
      throw new AliexpressArgumentError({
        argument: 'accessToken',
        problem: 'must be a non-empty string',
      });
    }
    this.checkParams(params);
    const all = { format: 'json', ...params, ...this.systemParams(), method, session: accessToken };
    const body = await this.send('/sync', method, all);
    return readBusinessEnvelope(body, method);
  }

  onModuleDestroy(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }

  /** `timestamp` is added in `send`, after pacing, when the request really leaves. */
  private systemParams() {
    return { app_key: this.options.appKey, sign_method: 'sha256' };
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
    }
  }

  private async send(
    path: string,
    apiName: string,
    params: ParamRecord,
    apiPath?: string,
  ): Promise<GatewayJson> {
    // pace first: the timestamp must be taken when the request actually leaves
    if (this.pacer) await this.pacer.acquire();
    const signed = this.signer.signRequest(
      { ...params, timestamp: String(this.options.clock.now()) },
      { apiPath },
    );
    const form = new URLSearchParams(signed.entries);
    form.append('sign', signed.sign);
    this.logger.debug(
      `→ POST ${path} ${apiName} params=[${signed.entries.map(([k]) => k).join(',')}] signed="${maskedCanonical(signed.entries, apiPath)}"`,
    );
    const started = Date.now();
    let response: AxiosResponse<string>;
    try {
      // axiosRef: the module's private axios instance (see gateway-http.provider), no Observable per call
      response = await this.http.axiosRef.request<string>({
        method: 'POST',
        url: this.options.baseUrl + path,
        data: form.toString(),
        headers: {
          'Content-Type': 'application/x-www-form-urlencoded;charset=utf-8',
          Accept: 'application/json',
        },
        timeout: this.options.timeoutMs,
        httpAgent: this.httpAgent,
        httpsAgent: this.httpsAgent,
      });
    } catch (error) {
      throw this.transportError(error, apiName);
    }
    const elapsed = Date.now() - started;
    const contentType = String(response.headers['content-type'] ?? 'no content type');
    const raw = typeof response.data === 'string' ? response.data : '';
    if (response.status >= 300) {
      this.logger.debug(`← ${apiName} HTTP ${response.status} in ${elapsed} ms`);
      throw new AliexpressTransportError({
        kind: 'http-status',
        apiName,
        message: `the gateway answered HTTP ${response.status} (${contentType})`,
        status: response.status,
      });
    }
    try {
      const parsed = parseGatewayJson(raw);
      this.logger.debug(`← ${apiName} HTTP ${response.status} in ${elapsed} ms`);
      return parsed;
    } catch {
      throw new AliexpressTransportError({
        kind: 'invalid-body',
        apiName,
        message: `the gateway answered a body that is not JSON (${contentType}, ${raw.length} bytes)`,
        status: response.status,
      });
    }
  }

  /** Maps an HTTP client failure to a typed error; the original error (which holds the signed body) is not kept. */
  private transportError(error: unknown, apiName: string): AliexpressTransportError {
    const code =
      error instanceof AxiosError ? error.code : (error as { code?: string } | undefined)?.code;
    if (code === 'ECONNABORTED' || code === 'ETIMEDOUT' || code === AxiosError.ETIMEDOUT) {
      return new AliexpressTransportError({
        kind: 'timeout',
        apiName,
        message: `no answer within ${this.options.timeoutMs} ms`,
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
