import { HttpService } from '@nestjs/axios';
import type { Provider } from '@nestjs/common';
import axios, { type AxiosInstance } from 'axios';
import { nodeHttpAdapter } from './node-http.adapter';

const asIs = [(data: unknown) => data];

/**
 * The gateway's own axios instance: text bodies as they arrived, no redirects, every status
 * answered (the client reads error envelopes itself), the lean `node:http` adapter.
 *
 * It is private to the module on purpose. Nest's plain `HttpModule` hands out axios's global
 * instance, so an application's global interceptors (request loggers print `data`: the signed
 * body with `session` and `sign`) and app-wide default headers (an `Authorization` meant for
 * another API) would reach the gateway. Here the interceptors are the instance's own (none) and
 * the inherited default headers are dropped; the adapter uses only what the client sets per call
 * (an absolute URL, so an inherited `baseURL` has no effect; method, headers, body, timeout, agents).
 */
export function createGatewayAxios(): AxiosInstance {
  const instance = axios.create({
    responseType: 'text',
    transformRequest: asIs,
    transformResponse: asIs,
    validateStatus: () => true,
    maxRedirects: 0,
    adapter: nodeHttpAdapter,
  });
  // axios.create copies the global instance's default headers; the gateway gets none of them
  instance.defaults.headers = {
    common: {},
    delete: {},
    get: {},
    head: {},
    post: {},
    put: {},
    patch: {},
  } as typeof instance.defaults.headers;
  return instance;
}

/** `HttpService` for the gateway client, over {@link createGatewayAxios}, scoped to the module. */
export const gatewayHttpProvider: Provider = {
  provide: HttpService,
  useFactory: () => new HttpService(createGatewayAxios()),
};
