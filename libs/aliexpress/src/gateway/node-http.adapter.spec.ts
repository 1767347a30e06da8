import { AxiosError, AxiosHeaders, type InternalAxiosRequestConfig } from 'axios';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { nodeHttpAdapter } from './node-http.adapter';

describe('nodeHttpAdapter', () => {
  let server: Server;
  let base: string;
  const seen: Array<{ method?: string; url?: string; body: string; length?: string }> = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        seen.push({
          method: req.method,
          url: req.url,
          body: Buffer.concat(chunks).toString(),
          length: req.headers['content-length'],
        });
        if (req.url === '/slow') return setTimeout(() => res.end('late'), 500);
        if (req.url === '/huge') {
          res.write(Buffer.alloc(8 * 1024 * 1024, 97));
          res.end(Buffer.alloc(9 * 1024 * 1024, 97));
          return;
        }
        res.writeHead(201, { 'content-type': 'application/json', 'x-test': 'yes' });
        res.end('{"ok":"é"}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const config = (path: string, extra: Partial<InternalAxiosRequestConfig> = {}) =>
    ({
      url: base + path,
      method: 'post',
      data: 'a=1&b=%C3%A9',
      headers: new AxiosHeaders({ 'Content-Type': 'application/x-www-form-urlencoded' }),
      timeout: 200,
      ...extra,
    }) as InternalAxiosRequestConfig;

  it('sends the body with its byte length and answers status, headers and UTF-8 text', async () => {
    const res = await nodeHttpAdapter(config('/ok?x=1'));
    expect(res).toMatchObject({ status: 201, data: '{"ok":"é"}' });
    expect(res.headers['x-test']).toBe('yes');
    expect(seen.at(-1)).toEqual({
      method: 'POST',
      url: '/ok?x=1',
      body: 'a=1&b=%C3%A9',
      length: '12',
    });
  });

  it('a total timeout is ECONNABORTED, as axios reports it', async () => {
    const error = await nodeHttpAdapter(config('/slow')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AxiosError);
    expect((error as AxiosError).code).toBe('ECONNABORTED');
  });

  it('a refused connection keeps its code; an oversized body is refused', async () => {
    const refused = await nodeHttpAdapter(config('/x', { url: 'http://127.0.0.1:1/x' })).catch(
      (e: unknown) => e,
    );
    expect((refused as AxiosError).code).toBe('ECONNREFUSED');
    const huge = await nodeHttpAdapter(config('/huge', { timeout: 10_000 })).catch(
      (e: unknown) => e,
    );
    expect((huge as AxiosError).message).toBe('response body too large');
  });
});
