import type { HttpService } from '@nestjs/axios';
import { Logger } from '@nestjs/common';
import type { AxiosRequestConfig } from 'axios';
import { resolveOptions } from '../config/resolve-options';
import { signParams } from '../signing/sign-params';
import { SignatureService } from '../signing/signature.service';
import { UnlimitedPacer } from '../pacing/unlimited.pacer';
import { GatewayClient } from './gateway.client';

const options = resolveOptions({
  appKey: '500102',
  appSecret: 'unit-secret',
  baseUrl: 'https://gw.example',
  clock: { now: () => 1_517_820_392_000 },
});

function recordingClient(body: string) {
  const sent: AxiosRequestConfig[] = [];
  const http = {
    axiosRef: {
      request: (config: AxiosRequestConfig) => {
        sent.push(config);
        return Promise.resolve({
          status: 200,
          data: body,
          headers: { 'content-type': 'application/json' },
        });
      },
    },
  } as unknown as HttpService;
  return {
    client: new GatewayClient(http, new SignatureService(options), options, new UnlimitedPacer()),
    sent,
  };
}

const decoded = (config: AxiosRequestConfig) =>
  Object.fromEntries(new URLSearchParams(config.data as string));

describe('GatewayClient request building', () => {
  beforeAll(() => Logger.overrideLogger(['error']));

  it('system call: POST /rest{path}, no method, path-prefixed sign over exactly what is sent, ms timestamp', async () => {
    const { client, sent } = recordingClient('{"code":"0"}');
    await client.callSystem('/auth/token/create', { code: '3_500102_abc', uuid: undefined });
    expect(sent[0]).toMatchObject({
      method: 'POST',
      url: 'https://gw.example/rest/auth/token/create',
    });
    const params = decoded(sent[0]);
    const { sign, ...signed } = params;
    expect(signed).toEqual({
      app_key: '500102',
      code: '3_500102_abc',
      sign_method: 'sha256',
      timestamp: '1517820392000',
    });
    expect(sign).toBe(signParams(signed, 'unit-secret', { apiPath: '/auth/token/create' }));
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
    expect(sent[0].data).toContain('keyWord=%C3%A9tui+%26+coque');
    const { sign, ...signed } = decoded(sent[0]);
    expect(signed).toEqual({
      app_key: '500102',
      format: 'json',
      keyWord: 'étui & coque',
      method: 'aliexpress.ds.text.search',
      pageSize: '20',
      req: JSON.stringify(req),
      session: 'tok',
      sign_method: 'sha256',
      timestamp: '1517820392000',
    });
    expect(sign).toBe(signParams(signed, 'unit-secret'));
  });
});
