import { signParams } from 'nestjs-aliexpress';
import { Agent, request } from 'node:http';
import { BENCH_APP } from './bench-harness.js';

/** A bare keep-alive client posting one request signed in advance: the floor of a gateway call. */
export interface RawClient {
  /** Posts the pre-signed request and resolves with the body as text. */
  post(): Promise<string>;
  /** The pre-signed form body it posts. */
  body: string;
  /** Its keep-alive agent (one socket). */
  agent: Agent;
  close(): void;
}

/**
 * What getProduct sends for `params` (same parameters, same signature method, same headers),
 * signed once here so that no per-call work but the HTTP exchange is left.
 */
export function createRawClient(
  baseUrl: string,
  method: string,
  params: Record<string, string>,
  accessToken: string,
): RawClient {
  const all = {
    app_key: BENCH_APP.appKey,
    format: 'json',
    method,
    ...params,
    session: accessToken,
    sign_method: 'sha256',
    timestamp: String(Date.now()),
  };
  const body = new URLSearchParams({
    ...all,
    sign: signParams(all, BENCH_APP.appSecret),
  }).toString();
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const { hostname, port } = new URL(baseUrl);
  const options = {
    host: hostname,
    port,
    path: '/sync',
    method: 'POST',
    agent,
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded;charset=utf-8',
      Accept: 'application/json',
      'Content-Length': String(Buffer.byteLength(body)),
    },
  };
  return {
    body,
    agent,
    post: () =>
      new Promise<string>((resolve, reject) => {
        const req = request(options, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve(
              chunks.length === 1
                ? chunks[0].toString('utf8')
                : Buffer.concat(chunks).toString('utf8'),
            ),
          );
          res.on('error', reject);
        });
        req.on('error', reject);
        req.end(body);
      }),
    close: () => agent.destroy(),
  };
}
