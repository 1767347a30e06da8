import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import axios, {
  AxiosError,
  type AxiosInstance,
  type AxiosResponse,
  type CreateAxiosDefaults,
} from 'axios';
import { GatewayProxyAgents } from './gateway-proxy.agents.js';
import {
  DEFAULT_MAX_RESPONSE_BYTES,
  GatewayTransport,
  GatewayTransportFailure,
  type GatewayHttpResponse,
  type GatewayPostOptions,
} from './gateway.transport.js';

const keepText = [(data: unknown) => data];

/**
 * The settings of the gateway's private axios instance, standard options only: the body travels as
 * the client wrote it and comes back as raw text (the lossless parser reads it), every status is
 * answered, no redirects are followed, axios's own proxy handling is off (it cannot tunnel HTTPS:
 * {@link GatewayProxyAgents} does it), bodies are capped (4 MiB unless a call asks otherwise).
 */
export function gatewayAxiosOptions(): CreateAxiosDefaults {
  return {
    responseType: 'text',
    transformRequest: keepText,
    transformResponse: keepText,
    validateStatus: () => true,
    maxRedirects: 0,
    proxy: false,
    maxContentLength: DEFAULT_MAX_RESPONSE_BYTES,
  };
}

const timeoutCodes = new Set(['ECONNABORTED', 'ETIMEDOUT', AxiosError.ETIMEDOUT]);

/**
 * A failure reduced to its code: a timeout is `ETIMEDOUT`, axios's `maxContentLength` refusal
 * (`ERR_BAD_RESPONSE` with that message, the only sign axios gives) is `ERR_RESPONSE_TOO_LARGE`.
 */
function failureCode(error: unknown): string {
  const code =
    error instanceof AxiosError ? error.code : (error as { code?: unknown } | undefined)?.code;
  const text = typeof code === 'string' && code ? code : 'EUNKNOWN';
  if (timeoutCodes.has(text)) return 'ETIMEDOUT';
  if (
    text === AxiosError.ERR_BAD_RESPONSE &&
    error instanceof AxiosError &&
    error.message.startsWith('maxContentLength')
  ) {
    return 'ERR_RESPONSE_TOO_LARGE';
  }
  return text;
}

/**
 * The default {@link GatewayTransport}: a private axios instance (never the app's global one, nor
 * an `HttpService` an app provides or overrides), keep-alive agents chosen from the proxy
 * environment. Axios copies its global instance's default headers into
 * every instance it creates; they are dropped here, so the gateway gets only the headers this
 * transport sets (an app-wide `Authorization` meant for another API never reaches it). Global
 * interceptors are never copied by axios. Errors keep only their code: an axios error holds the
 * signed request body.
 */
@Injectable()
export class AxiosGatewayTransport implements GatewayTransport, OnModuleDestroy {
  private readonly agents = new GatewayProxyAgents();

  /** The transport's own axios instance, made with {@link gatewayAxiosOptions}. */
  readonly axios: AxiosInstance = axios.create(gatewayAxiosOptions());

  constructor() {
    this.axios.defaults.headers = {
      common: {},
      delete: {},
      get: {},
      head: {},
      post: {},
      put: {},
      patch: {},
    } as AxiosInstance['defaults']['headers'];
  }

  async post(url: string, form: string, options: GatewayPostOptions): Promise<GatewayHttpResponse> {
    const agent = this.agents.agentFor(url);
    let response: AxiosResponse<unknown>;
    try {
      response = await this.axios.post<unknown>(url, form, {
        headers: {
          'Content-Type': 'application/x-www-form-urlencoded;charset=utf-8',
          Accept: 'application/json',
        },
        timeout: options.timeoutMs,
        // axios stops reading and destroys the response stream past it
        maxContentLength: options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
        httpAgent: agent,
        httpsAgent: agent,
      });
    } catch (error) {
      throw new GatewayTransportFailure(failureCode(error));
    }
    const type = response.headers['content-type'];
    return {
      status: response.status,
      contentType: typeof type === 'string' ? type : undefined,
      body: typeof response.data === 'string' ? response.data : '',
    };
  }

  onModuleDestroy(): void {
    this.agents.destroy();
  }
}
