import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  DEFAULT_MAX_RESPONSE_BYTES,
  GatewayTransportFailure,
  type GatewayTransport,
} from './gateway.transport.js';

/**
 * What every {@link GatewayTransport} must do, against a real `node:http` server: one suite, run
 * by each transport's spec.
 */
export function describeGatewayTransport(
  name: string,
  make: () => GatewayTransport & { onModuleDestroy(): void },
): void {
  describe(`${name} (the GatewayTransport contract)`, () => {
    let server: Server;
    let base: string;
    const seen: Array<{
      method?: string;
      url?: string;
      body: string;
      headers: IncomingHttpHeaders;
    }> = [];
    let transport: GatewayTransport & { onModuleDestroy(): void };
    const streams: Array<{ written: number; complete: boolean }> = [];

    beforeAll(async () => {
      server = createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => {
          seen.push({
            method: req.method,
            url: req.url,
            body: Buffer.concat(chunks).toString(),
            headers: req.headers,
          });
          if (req.url === '/slow') return setTimeout(() => res.end('late'), 500);
          if (req.url === '/moved') {
            res.writeHead(302, { Location: '/ok' });
            return res.end();
          }
          if (req.url === '/huge') {
            res.writeHead(200, { 'content-type': 'application/json' });
            const mib = Buffer.alloc(1024 * 1024, 0x20);
            for (let i = 0; i < 17; i++) res.write(mib);
            return res.end('{}');
          }
          if (req.url?.startsWith('/stream')) {
            // streamed as the client reads it (backpressure), so the bytes written say how much
            // the client took before it hung up
            const total = Number(new URL(req.url, 'http://x').searchParams.get('bytes'));
            const chunk = Buffer.alloc(64 * 1024, 0x20);
            const served = { written: 0, complete: false };
            streams.push(served);
            res.writeHead(200, { 'content-type': 'application/json' });
            const pump = () => {
              while (served.written < total) {
                served.written += chunk.length;
                if (!res.write(chunk)) return void res.once('drain', pump);
              }
              served.complete = true;
              res.end();
            };
            res.on('close', () => res.off('drain', pump));
            return pump();
          }
          if (req.url === '/error') {
            res.writeHead(500, { 'content-type': 'text/html' });
            return res.end('<html>oops</html>');
          }
          res.writeHead(201, { 'content-type': 'application/json;charset=UTF-8' });
          res.end('{"id":12345678901234567890,"ok":"é"}');
        });
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      transport = make();
    });
    afterAll(async () => {
      transport.onModuleDestroy();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    });

    it('POSTs the form with its byte length and answers status, content type and the raw text', async () => {
      const res = await transport.post(`${base}/ok?x=1`, 'a=1&b=%C3%A9', { timeoutMs: 1000 });
      // the text is untouched: a JSON parse would have rounded the id
      expect(res).toEqual({
        status: 201,
        contentType: 'application/json;charset=UTF-8',
        body: '{"id":12345678901234567890,"ok":"é"}',
      });
      expect(seen.at(-1)).toMatchObject({
        method: 'POST',
        url: '/ok?x=1',
        body: 'a=1&b=%C3%A9',
        headers: {
          'content-type': 'application/x-www-form-urlencoded;charset=utf-8',
          'content-length': '12',
          accept: 'application/json',
        },
      });
    });

    it('answers error statuses and redirects as they are, without following them', async () => {
      await expect(transport.post(`${base}/error`, 'a=1', { timeoutMs: 1000 })).resolves.toEqual({
        status: 500,
        contentType: 'text/html',
        body: '<html>oops</html>',
      });
      const before = seen.length;
      await expect(
        transport.post(`${base}/moved`, 'a=1', { timeoutMs: 1000 }),
      ).resolves.toMatchObject({ status: 302 });
      expect(seen.length).toBe(before + 1);
    });

    it('a timeout is ETIMEDOUT, a refused connection keeps its code; neither holds the request', async () => {
      const slow = await transport
        .post(`${base}/slow`, 'session=secret-token', { timeoutMs: 100 })
        .catch((e: unknown) => e);
      expect(slow).toBeInstanceOf(GatewayTransportFailure);
      expect(slow).toMatchObject({ code: 'ETIMEDOUT' });
      expect(JSON.stringify(slow)).not.toContain('secret-token');
      const refused = await transport
        .post('http://127.0.0.1:1/x', 'session=secret-token', { timeoutMs: 1000 })
        .catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(GatewayTransportFailure);
      expect(refused).toMatchObject({ code: 'ECONNREFUSED' });
      expect(Object.values(refused as object).join(' ')).not.toContain('secret-token');
    });

    it('refuses an answer over 16 MiB as a failure, without holding it', async () => {
      const huge = await transport
        .post(`${base}/huge`, 'a=1', { timeoutMs: 5000 })
        .catch((e: unknown) => e);
      expect(huge).toBeInstanceOf(GatewayTransportFailure);
    });

    it('refuses an answer over maxResponseBytes as ERR_RESPONSE_TOO_LARGE, and hangs up instead of reading on', async () => {
      const limit = 256 * 1024;
      const failure = await transport
        .post(`${base}/stream?bytes=${32 * 1024 * 1024}`, 'a=1', {
          timeoutMs: 5000,
          maxResponseBytes: limit,
        })
        .catch((e: unknown) => e);
      expect(failure instanceof GatewayTransportFailure ? failure.code : 'answered').toBe(
        'ERR_RESPONSE_TOO_LARGE',
      );
      // the connection was closed: the server could not write the rest
      await new Promise((resolve) => setTimeout(resolve, 100));
      const served = streams.at(-1)!;
      expect(served.complete).toBe(false);
      expect(served.written).toBeLessThan(8 * 1024 * 1024);
    });

    it(`caps answers at ${DEFAULT_MAX_RESPONSE_BYTES / 1024 / 1024} MiB by default; an answer within the cap arrives whole`, async () => {
      const over = await transport
        .post(`${base}/stream?bytes=${DEFAULT_MAX_RESPONSE_BYTES + 64 * 1024}`, 'a=1', {
          timeoutMs: 5000,
        })
        .catch((e: unknown) => e);
      // compared as a short text: a failed match must not print a 4 MiB body
      expect(over instanceof GatewayTransportFailure ? over.code : 'answered').toBe(
        'ERR_RESPONSE_TOO_LARGE',
      );
      const within = await transport.post(`${base}/stream?bytes=${1024 * 1024}`, 'a=1', {
        timeoutMs: 5000,
        maxResponseBytes: 1024 * 1024,
      });
      expect(within.body.length).toBe(1024 * 1024);
    });

    it('keeps connections alive between calls', async () => {
      let opened = 0;
      const onConnection = () => opened++;
      server.on('connection', onConnection);
      for (let i = 0; i < 3; i++) await transport.post(`${base}/ok`, 'a=1', { timeoutMs: 1000 });
      server.off('connection', onConnection);
      expect(opened).toBeLessThanOrEqual(1);
    });
  });
}
