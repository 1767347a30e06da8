import type { MockAliexpressGateway } from 'nestjs-aliexpress/testing';
import { TEST_APP, startGateway } from './support/gateway-harness.js';
import {
  PLATFORMS,
  callback,
  consent,
  createOAuthApp,
  startAuthorization,
  type OAuthApp,
  type Platform,
} from './support/oauth-app.js';

/*
 * A token exchange the gateway refuses for its signature is a configuration mistake on this side
 * (almost always the app secret): the answer and the log line say so, and name the doctor's check,
 * without the secret, the code or the sign.
 */
describe.each(PLATFORMS)('token exchange refused for its signature on %s', (platform: Platform) => {
  const WRONG_SECRET = 'not-the-app-secret-4d2c';
  let gateway: MockAliexpressGateway;
  let target: OAuthApp;

  beforeAll(async () => {
    ({ gateway } = await startGateway());
    target = await createOAuthApp(
      gateway,
      { style: 'forRoot', platform },
      { appSecret: WRONG_SECRET },
    );
  });
  afterAll(async () => {
    await target.close();
    await gateway.stop();
  });

  it('answers 502 gateway_error telling to check appSecret and run aliexpress-doctor check', async () => {
    const started = await startAuthorization(target);
    const redirect = await consent(started, 'approve');
    const code = redirect.searchParams.get('code') as string;
    const res = await callback(target, redirect, started.cookie);

    expect(res.status).toBe(502);
    expect(res.body).toMatchObject({
      statusCode: 502,
      error: 'Bad Gateway',
      reason: 'gateway_error',
      gatewayCode: 'IncompleteSignature',
    });
    expect(res.body.message).toContain('appSecret');
    expect(res.body.message).toContain(`app key ${TEST_APP.appKey}`);
    expect(res.body.message).toContain('aliexpress-doctor check');

    const line = target.logs.lines.find((l) => l.includes('callback refused: gateway_error'));
    expect(line).toBeDefined();
    expect(line).toContain('appSecret');
    expect(line).toContain('aliexpress-doctor check');

    const sent = gateway.requests().find((r) => r.api === '/auth/token/create')?.params.sign;
    const sign = sent && /^[0-9A-F]{64}$/.test(sent) ? sent : undefined;
    const secrets = [WRONG_SECRET, TEST_APP.appSecret, code, started.state, sign];
    expect(target.logs.leaks(secrets)).toEqual([]);
    const answered = JSON.stringify(res.body);
    for (const secret of secrets) if (secret) expect(answered).not.toContain(secret);
  });
});
