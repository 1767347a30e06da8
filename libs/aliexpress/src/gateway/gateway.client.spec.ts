import { Logger } from '@nestjs/common';
import { expectSignedParams } from '../../../../test/support/signed-params.expect.js';
import { resolveOptions } from '../config/resolve-options.js';
import { AliexpressArgumentError, AliexpressTransportError } from '../errors/aliexpress.errors.js';
import { SignatureService } from '../signing/signature.service.js';
import { UnlimitedPacer } from '../pacing/unlimited.pacer.js';
import { GatewayClient } from './gateway.client.js';
import { GatewayTransportFailure, type GatewayTransport } from './gateway.transport.js';

const options = resolveOptions({
  appKey: '500102',
  appSecret: 'unit-secret',
  baseUrl: 'https://gw.example',
  clock: { now: () => 1_517_820_392_000 },
});

interface Sent {
  url: string;
  form: string;
  timeoutMs: number;
}

function recordingClient(body: string, status = 200, failure?: string) {
  const sent: Sent[] = [];
  const transport: GatewayTransport = {
    post: (url, form, { timeoutMs }) => {
      sent.push({ url, form, timeoutMs });
      if (failure) return Promise.reject(new GatewayTransportFailure(failure));
      return Promise.resolve({ status, body, contentType: 'application/json' });
    },
  };
  return {
    client: new GatewayClient(
      transport,
      new SignatureService(options),
      options,
      new UnlimitedPacer(),
    ),
    sent,
  };
}

const decoded = (sent: Sent) => Object.fromEntries(new URLSearchParams(sent.form));

describe('GatewayClient request building', () => {
  beforeAll(() => Logger.overrideLogger(['error']));

  it('system call: POST /rest{path}, no method, path-prefixed sign over exactly what is sent, ms timestamp', async () => {
    const { client, sent } = recordingClient('{"code":"0"}');
    await client.callSystem('/auth/token/create', { code: '3_500102_abc', uuid: undefined });
    expect(sent[0]).toMatchObject({
      url: 'https://gw.example/rest/auth/token/create',
      timeoutMs: options.timeoutMs,
    });
    expectSignedParams(
      decoded(sent[0]),
      {
        app_key: '500102',
        code: '3_500102_abc',
        sign_method: 'sha256',
        timestamp: '1517820392000',
      },
      'unit-secret',
      { apiPath: '/auth/token/create' },
    );
  });

  it('business call: POST /sync with method, session and format=json, unprefixed sign, UTF-8 on the wire', async () => {
    const { client, sent } = recordingClient('{"aliexpress_ds_text_search_response":{"code":"0"}}');
    const req = { quantity: 1, shipToCountry: 'FR' };
    await client.callBusiness(
      'aliexpress.ds.text.search',
      { keyWord: 'étui & coque', pageSize: 20, req },
      'tok',
    );
    expect(sent[0].url).toBe('https://gw.example/sync');
    expect(sent[0].form).toContain('keyWord=%C3%A9tui+%26+coque');
    expectSignedParams(
      decoded(sent[0]),
      {
        app_key: '500102',
        format: 'json',
        keyWord: 'étui & coque',
        method: 'aliexpress.ds.text.search',
        pageSize: '20',
        req: JSON.stringify(req),
        session: 'tok',
        sign_method: 'sha256',
        timestamp: '1517820392000',
      },
      'unit-secret',
    );
  });

  it('maps transport failures by code, and HTTP error statuses, to typed transport errors', async () => {
    const timeout = await recordingClient('', 200, 'ETIMEDOUT')
      .client.callSystem('/auth/token/create', { code: 'c' })
      .catch((e: unknown) => e);
    expect(timeout).toBeInstanceOf(AliexpressTransportError);
    expect(timeout).toMatchObject({ kind: 'timeout' });
    const refused = await recordingClient('', 200, 'ECONNREFUSED')
      .client.callSystem('/auth/token/create', { code: 'c' })
      .catch((e: unknown) => e);
    expect(refused).toMatchObject({
      kind: 'connection',
      message: expect.stringMatching(/ECONNREFUSED/),
    });
    const status = await recordingClient('oops', 502)
      .client.callSystem('/auth/token/create', { code: 'c' })
      .catch((e: unknown) => e);
    expect(status).toMatchObject({ kind: 'http-status', status: 502 });
  });

  it('a malformed proxy variable (EPROXYURL) is a failure that never reached the gateway', async () => {
    const error = await recordingClient('', 200, 'EPROXYURL')
      .client.callSystem('/auth/token/create', { code: 'c' })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'connection', mayHaveReachedGateway: false });
  });

  it.each([
    [
      'a cycle',
      () => {
        const cyclic: Record<string, unknown> = {};
        cyclic.self = cyclic;
        return cyclic;
      },
    ],
    ['a bigint inside an object', () => ({ id: 1n })],
    ['a function', () => () => 1],
  ])('refuses a parameter holding %s with an argument error, before sending', async (_, make) => {
    const { client, sent } = recordingClient('{}');
    const error = await client
      .callBusiness('aliexpress.ds.product.get', { x: make() }, 'tok')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AliexpressArgumentError);
    expect(error).toMatchObject({ argument: 'params.x' });
    expect(sent).toHaveLength(0);
  });
});
