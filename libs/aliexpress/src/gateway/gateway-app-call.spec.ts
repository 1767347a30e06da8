import { Logger } from '@nestjs/common';
import { expectSignedParams } from '../../../../test/support/signed-params.expect.js';
import { resolveOptions } from '../config/resolve-options.js';
import { AliexpressArgumentError, AliexpressBusinessError } from '../errors/aliexpress.errors.js';
import { UnlimitedPacer } from '../pacing/unlimited.pacer.js';
import { SignatureService } from '../signing/signature.service.js';
import { GatewayClient } from './gateway.client.js';
import type { GatewayTransport } from './gateway.transport.js';

const options = resolveOptions({
  appKey: '500102',
  appSecret: 'unit-secret',
  baseUrl: 'https://gw.example',
  clock: { now: () => 1_517_820_392_000 },
});

function recordingClient(body: string) {
  const forms: string[] = [];
  const transport: GatewayTransport = {
    post: (_url, form) => {
      forms.push(form);
      return Promise.resolve({ status: 200, body, contentType: 'application/json' });
    },
  };
  const client = new GatewayClient(
    transport,
    new SignatureService(options),
    options,
    new UnlimitedPacer(),
  );
  return { client, forms };
}

const OK =
  '{"aliexpress_affiliate_category_get_response":{"resp_result":{"resp_code":200,"resp_msg":"Call succeeds","result":{"categories":[]}},"request_id":"r1"}}';

describe('GatewayClient.callApp (app-level business calls)', () => {
  beforeAll(() => Logger.overrideLogger(['error']));

  it('signs with the app alone: method, format=json, no session and no access_token', async () => {
    const { client, forms } = recordingClient(OK);
    const answer = await client.callApp('aliexpress.affiliate.category.get', {
      app_signature: 's',
    });
    expect(answer).toMatchObject({ resp_result: { resp_code: 200 } });
    const sent = Object.fromEntries(new URLSearchParams(forms[0]));
    expect(sent).not.toHaveProperty('session');
    expect(sent).not.toHaveProperty('access_token');
    expectSignedParams(
      sent,
      {
        app_key: '500102',
        app_signature: 's',
        format: 'json',
        method: 'aliexpress.affiliate.category.get',
        sign_method: 'sha256',
        timestamp: '1517820392000',
      },
      'unit-secret',
    );
  });

  it('refuses a session or access_token passed as a parameter, before sending', async () => {
    const { client, forms } = recordingClient(OK);
    for (const key of ['session', 'access_token']) {
      await expect(
        client.callApp('aliexpress.affiliate.category.get', { [key]: 'tok' }),
      ).rejects.toBeInstanceOf(AliexpressArgumentError);
    }
    await expect(client.callApp('/auth/token/create')).rejects.toThrow(/system interface path/);
    expect(forms).toEqual([]);
  });

  it('reads resp_result.resp_code failures as business errors', async () => {
    const { client } = recordingClient(
      '{"aliexpress_affiliate_link_generate_response":{"resp_result":{"resp_code":402,"resp_msg":"INVALID_TRACKING_ID"},"request_id":"r2"}}',
    );
    const error = await client
      .callApp('aliexpress.affiliate.link.generate', {})
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AliexpressBusinessError);
    expect(error).toMatchObject({ code: 'INVALID_TRACKING_ID', platformCode: '402' });
  });
});
