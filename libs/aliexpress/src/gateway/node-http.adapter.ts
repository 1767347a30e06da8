import {
  AxiosError,
  AxiosHeaders,
  type AxiosAdapter,
  type AxiosResponse,
  type InternalAxiosRequestConfig,
} from 'axios';
import { request as httpRequest, type Agent as HttpAgent, type IncomingMessage } from 'node:http';
import { request as httpsRequest, type Agent as HttpsAgent } from 'node:https';

/** Bodies larger than this are refused: no gateway answer comes near it. */
const MAX_BODY_BYTES = 16 * 1024 * 1024;

/**
 * A lean axios adapter over `node:http(s)`: the gateway client still goes through `HttpService`
 * (interceptors, config), but the transport skips axios's stream machinery, which cost more than
 * the whole gateway call on loopback (see bench/results.md). Text bodies only, no redirects, no
 * compression (it sends no Accept-Encoding), a total timeout, errors as `AxiosError` with codes.
 */
export const nodeHttpAdapter: AxiosAdapter = (config: InternalAxiosRequestConfig) =>
  new Promise<AxiosResponse<string>>((resolve, reject) => {
    const url = new URL(config.url as string, config.baseURL);
    const secure = url.protocol === 'https:';
    const body =
      typeof config.data === 'string'
        ? config.data
        : config.data === undefined
          ? ''
          : String(config.data);
    const headers = AxiosHeaders.from(config.headers).toJSON() as Record<string, string>;
    headers['Content-Length'] = String(Buffer.byteLength(body));
    const send = secure ? httpsRequest : httpRequest;
    let settled = false;
    const fail = (error: AxiosError) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      reject(error);
    };
    const req = send(
      {
        protocol: url.protocol,
        hostname: url.hostname.replace(/^\[|\]$/g, ''),
        port: url.port || undefined,
        path: `${url.pathname}${url.search}`,
        method: (config.method ?? 'get').toUpperCase(),
        headers,
        agent: (secure ? config.httpsAgent : config.httpAgent) as
          HttpAgent | HttpsAgent | undefined,
      },
      (res: IncomingMessage) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_BODY_BYTES) {
            req.destroy();
            fail(
              new AxiosError('response body too large', AxiosError.ERR_BAD_RESPONSE, config, req),
            );
            return;
          }
          chunks.push(chunk);
        });
        res.on('error', (error: NodeJS.ErrnoException) =>
          fail(AxiosError.from(error, error.code ?? 'ECONNRESET', config, req)),
        );
        res.on('end', () => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          resolve({
            data:
              chunks.length === 1
                ? chunks[0].toString('utf8')
                : Buffer.concat(chunks).toString('utf8'),
            status: res.statusCode ?? 0,
            statusText: res.statusMessage ?? '',
            headers: res.headers,
            config,
            request: req,
          });
        });
      },
    );
    const timer = setTimeout(
      () => {
        req.destroy();
        fail(
          new AxiosError(
            `timeout of ${config.timeout} ms exceeded`,
            AxiosError.ECONNABORTED,
            config,
            req,
          ),
        );
      },
      config.timeout || 2 ** 31 - 1,
    );
    req.on('error', (error: NodeJS.ErrnoException) =>
      fail(AxiosError.from(error, error.code, config, req)),
    );
    req.end(body);
  });
