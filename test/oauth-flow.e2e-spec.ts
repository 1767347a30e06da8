import {
  AccountNotConnectedError,
  AliexpressTransportError,
  ReauthorizationRequiredError,
  type AliexpressTokenEvent,
  type GatewayObject,
  GatewayClient,
} from 'nestjs-aliexpress';
import { MOCK_BUYERS, type MockAliexpressGateway } from 'nestjs-aliexpress/testing';
import { CookieJar } from './support/cookie-jar.js';
import { OTHER_APP, TEST_APP, startGateway } from './support/gateway-harness.js';
import {
  PLATFORMS,
  callback,
  consent,
  createOAuthApp,
  startAuthorization,
  type OAuthApp,
  type OAuthVariant,
} from './support/oauth-app.js';

const DAY_MS = 86_400_000;
const VARIANTS: OAuthVariant[] = [];
// every case runs on Express and on Fastify, in each registration style and routing
for (const [platform] of PLATFORMS) {
  for (const style of ['forRoot', 'forRootAsync'] as const) {
    VARIANTS.push(
      { platform, style },
      { platform, style, callbackPath: 'integrations/ae' },
      { platform, style, globalPrefix: 'api' },
    );
  }
}
const label = (v: OAuthVariant) =>
  `${v.platform}, ${v.style}, path ${v.callbackPath ?? 'aliexpress (default)'}${v.globalPrefix ? `, global prefix /${v.globalPrefix}` : ''}`;

describe.each(VARIANTS)('OAuth flow and token lifecycle: $platform, $style', (variant) => {
  let gateway: MockAliexpressGateway;
  let target: OAuthApp;
  const events: AliexpressTokenEvent[] = [];
  const secrets: string[] = [TEST_APP.appSecret];

  beforeAll(async () => {
    ({ gateway } = await startGateway());
    target = await createOAuthApp(gateway, variant, { onTokenEvent: (e) => void events.push(e) });
  });
  afterEach(async () => {
    for (const account of await target.tokens.listAccounts())
      await target.tokens.disconnect(account.accountId);
    gateway.reset();
    gateway.addRedirectUri(TEST_APP.appKey, target.redirectUri);
    events.length = 0;
  });
  afterAll(async () => {
    await target.close();
    await gateway.stop();
  });

  const tokenRequests = () => gateway.requests().filter((r) => r.api === '/auth/token/create');

  async function connect(account?: string) {
    const started = await startAuthorization(target);
    const redirect = await consent(started, 'approve', account);
    secrets.push(redirect.searchParams.get('code') as string, started.state);
    const res = await callback(target, redirect, started.cookie);
    return { started, redirect, res };
  }

  async function storedSecrets(accountId: string) {
    const token = await target.store.get(accountId);
    if (token) secrets.push(token.accessToken, token.refreshToken);
    return token;
  }

  it(`${label(variant)}: authorize redirects to the gateway with a fresh, cookie-bound state`, async () => {
    const started = await startAuthorization(target);
    expect(`${started.gatewayUrl.origin}${started.gatewayUrl.pathname}`).toBe(
      `${gateway.url}/oauth/authorize`,
    );
    expect(Object.fromEntries(started.gatewayUrl.searchParams)).toEqual({
      response_type: 'code',
      force_auth: 'true',
      redirect_uri: target.redirectUri,
      client_id: TEST_APP.appKey,
      state: started.state,
    });
    const [nonce] = started.state.split('.');
    expect(Buffer.from(nonce, 'base64url').length).toBeGreaterThanOrEqual(16);
    expect(started.setCookie).toMatch(/HttpOnly/);
    expect(started.setCookie).toMatch(/SameSite=Lax/);
    expect(started.setCookie).toMatch(/Max-Age=600/);
    expect(started.setCookie).toContain(`Path=${target.base}`);
    expect(started.setCookie).not.toMatch(/Secure/);
    // one cookie per authorization, named after its state's nonce
    expect(started.cookie).toBe(`aliexpress_oauth_state.${nonce.slice(0, 16)}=${started.state}`);
    const again = await startAuthorization(target);
    expect(again.state).not.toBe(started.state);
  });

  it('full flow: consent, callback, token stored, a business call signed with it', async () => {
    const { res, redirect } = await connect(MOCK_BUYERS[1].userId);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      accountId: MOCK_BUYERS[1].userId,
      userNick: MOCK_BUYERS[1].userNick,
      accountPlatform: 'buyerApp',
      expiresAt: expect.any(Number),
      refreshExpiresAt: expect.any(Number),
    });
    const stored = await storedSecrets(MOCK_BUYERS[1].userId);
    expect(JSON.stringify(res.body)).not.toContain(stored?.accessToken);
    expect(JSON.stringify(res.body)).not.toContain(redirect.searchParams.get('code'));
    // the state cookie is replaced by the completion marker (the account id, signed), read on reload
    expect(res.headers['set-cookie']).toEqual([
      expect.stringMatching(
        /^aliexpress_oauth_state\.[\w-]{16}=[\w-]+\.[\w-]+\.[\w-]+\.[\w-]+;.*Max-Age=600/,
      ),
    ]);
    expect(res.headers['set-cookie'][0]).not.toContain(stored?.accessToken);
    expect(await target.tokens.listAccounts()).toEqual([
      expect.objectContaining({ accountId: MOCK_BUYERS[1].userId, reauthorizationRequired: false }),
    ]);
    expect(events.map((e) => e.type)).toEqual(['issued']);
    expect(JSON.stringify(events)).not.toContain(stored?.accessToken);

    const client = target.app.get(GatewayClient);
    const product = await target.tokens.withAccessToken(MOCK_BUYERS[1].userId, (token) =>
      client.callBusiness(
        'aliexpress.ds.product.get',
        { product_id: '1005006154258794', ship_to_country: 'US' },
        token,
      ),
    );
    // product.get writes its ids as strings, as documented
    expect(
      ((product.result as GatewayObject).ae_item_base_info_dto as GatewayObject).product_id,
    ).toBe('1005006154258794');
    expect(gateway.requests().at(-1)).toMatchObject({
      api: 'aliexpress.ds.product.get',
      verdict: 'ok',
    });
  });

  it('returnTo: a same-origin path is honoured; anything else is refused', async () => {
    const started = await startAuthorization(target, '/dashboard?tab=orders');
    const res = await callback(target, await consent(started, 'approve'), started.cookie);
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe('/dashboard?tab=orders');
    for (const bad of [
      '//evil.example/x',
      'https://evil.example/',
      '/\\evil.example',
      'dashboard',
      '/a/../../x',
    ]) {
      const refused = await callback(
        target,
        `${target.base}/authorize?returnTo=${encodeURIComponent(bad)}`,
      );
      expect(refused.status).toBe(400);
      expect(refused.body.reason).toBe('return_to_invalid');
    }
  });

  describe('state checks come first: the code never reaches the gateway and nothing is stored', () => {
    async function refused(
      mutate: (
        redirect: URL,
        started: { cookie: string; state: string },
      ) => Promise<{ url: URL; cookie?: string }> | { url: URL; cookie?: string },
    ) {
      const started = await startAuthorization(target);
      const redirect = await consent(started, 'approve');
      secrets.push(redirect.searchParams.get('code') as string);
      const { url, cookie } = await mutate(redirect, started);
      const res = await callback(target, url, cookie);
      expect(tokenRequests()).toHaveLength(0);
      expect(await target.tokens.listAccounts()).toEqual([]);
      expect(JSON.stringify(res.body)).not.toContain(redirect.searchParams.get('code'));
      return res;
    }

    it('tampered state', async () => {
      const res = await refused((url, s) => {
        const [nonce, expiry, mac] = s.state.split('.');
        const forged = `${nonce}.${(parseInt(expiry, 36) + 3_600_000).toString(36)}.${mac}`;
        url.searchParams.set('state', forged);
        return { url, cookie: `aliexpress_oauth_state.${nonce.slice(0, 16)}=${forged}` };
      });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({
        reason: 'state_invalid',
        message: 'the state was not issued by this app',
      });
    });

    it('missing state', async () => {
      const res = await refused((url, s) => {
        url.searchParams.delete('state');
        return { url, cookie: s.cookie };
      });
      expect(res.body.reason).toBe('state_missing');
    });

    it('expired state', async () => {
      const res = await refused((url, s) => {
        gateway.advanceClock(11 * 60_000);
        return { url, cookie: s.cookie };
      });
      expect(res.body.reason).toBe('state_expired');
    });

    it('no cookie', async () => {
      const res = await refused((url) => ({ url }));
      expect(res.body.reason).toBe('cookie_missing');
    });

    it("another browser's cookie", async () => {
      const res = await refused(async (url) => ({
        url,
        cookie: (await startAuthorization(target)).cookie,
      }));
      expect(res.status).toBe(400);
      expect(res.body.reason).toBe('cookie_mismatch');
    });

    it('malformed query: repeated or strange parameters', async () => {
      const res = await refused((url, s) => {
        url.searchParams.append('code', 'second');
        return { url, cookie: s.cookie };
      });
      expect(res.body.reason).toBe('query_invalid');
      const odd = await callback(target, `${target.base}/callback?code=%3Cscript%3E&state=x`);
      expect(odd.status).toBe(400);
      expect(odd.body.message).toContain('code has characters');
    });
  });

  it('replayed state is refused after a success', async () => {
    const { started, redirect } = await connect();
    await storedSecrets(MOCK_BUYERS[0].userId);
    const replay = await callback(target, redirect, started.cookie);
    expect(replay.status).toBe(400);
    expect(replay.body.reason).toBe('state_replayed');
    expect(tokenRequests()).toHaveLength(1);
  });

  it('reloading the callback after a success says the account is already connected, never a token', async () => {
    const id = MOCK_BUYERS[0].userId;
    const jar = new CookieJar();
    const started = await startAuthorization(target);
    jar.apply(started.setCookie);
    const redirect = await consent(started, 'approve');
    const code = redirect.searchParams.get('code') as string;
    secrets.push(code, started.state);
    const first = await callback(target, redirect, jar.header(redirect.pathname));
    expect(first.status).toBe(200);
    jar.apply(first.headers['set-cookie']);
    const stored = await storedSecrets(id);

    const reload = await callback(target, redirect, jar.header(redirect.pathname));
    expect(reload.status).toBe(200);
    expect(reload.body).toEqual({
      result: 'already_connected',
      message: `this authorization was already completed: account ${id} is connected`,
      accountId: id,
      userNick: MOCK_BUYERS[0].userNick,
      accountPlatform: 'buyerApp',
      expiresAt: first.body.expiresAt,
      refreshExpiresAt: first.body.refreshExpiresAt,
    });
    const answered = JSON.stringify({ body: reload.body, headers: reload.headers });
    for (const secret of [stored?.accessToken, stored?.refreshToken, code])
      expect(answered).not.toContain(secret);
    expect(tokenRequests()).toHaveLength(1);

    // the completion belongs to this browser: elsewhere the spent URL is still refused
    expect((await callback(target, redirect)).body.reason).toBe('cookie_missing');
    // an account disconnected since is not "connected": start again
    await target.tokens.disconnect(id);
    const gone = await callback(target, redirect, jar.header(redirect.pathname));
    expect(gone.status).toBe(409);
    expect(gone.body).toMatchObject({ reason: 'state_replayed', error: 'Conflict' });
    expect(gone.body.message).toContain('no longer connected');
    expect(tokenRequests()).toHaveLength(1);
  });

  it('access_denied is a clear refusal and stores nothing', async () => {
    const started = await startAuthorization(target);
    const redirect = await consent(started, 'deny');
    const res = await callback(target, redirect, started.cookie);
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({
      reason: 'access_denied',
      message: 'the AliExpress user denied access to the app',
    });
    expect(await target.tokens.listAccounts()).toEqual([]);
    expect(tokenRequests()).toHaveLength(0);
  });

  it('code reuse and a code of another app are refused with the gateway code', async () => {
    const { redirect } = await connect();
    await storedSecrets(MOCK_BUYERS[0].userId);
    await target.tokens.disconnect(MOCK_BUYERS[0].userId);
    const again = await startAuthorization(target);
    const reused = new URL(redirect);
    reused.searchParams.set('state', again.state);
    const res = await callback(target, reused, again.cookie);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ reason: 'code_refused', gatewayCode: 'InvalidCode' });

    const third = await startAuthorization(target);
    const foreign = new URL(redirect);
    const foreignCode = gateway.issueCode(OTHER_APP.appKey);
    secrets.push(foreignCode);
    foreign.searchParams.set('code', foreignCode);
    foreign.searchParams.set('state', third.state);
    const other = await callback(target, foreign, third.cookie);
    expect(other.body).toMatchObject({ reason: 'code_refused', gatewayCode: 'InvalidCode' });
    expect(await target.tokens.listAccounts()).toEqual([]);
  });

  it('a gateway failure during the exchange answers 502 and stores nothing', async () => {
    gateway.injectFault({ kind: 'http-error', status: 503, api: '/auth/token/create' });
    const { res } = await connect();
    expect(res.status).toBe(502);
    expect(res.body.reason).toBe('gateway_unreachable');
    expect(await target.tokens.listAccounts()).toEqual([]);
  });

  describe('token lifecycle', () => {
    const id = MOCK_BUYERS[0].userId;

    it('refreshes proactively within the margin, storing the rotated pair first', async () => {
      await connect();
      const first = await storedSecrets(id);
      expect(await target.tokens.getAccessToken(id)).toBe(first?.accessToken);
      gateway.advanceClock(30 * DAY_MS - 20 * 60_000);
      const fresh = await target.tokens.getAccessToken(id);
      const stored = await storedSecrets(id);
      expect(fresh).not.toBe(first?.accessToken);
      expect(stored).toMatchObject({ accessToken: fresh, version: (first?.version ?? 0) + 1 });
      expect(stored?.refreshToken).not.toBe(first?.refreshToken);
      expect(gateway.tokenStats().refreshed).toBe(1);
      expect(events.map((e) => e.type)).toEqual(['issued', 'refreshed']);
    });

    it('50 concurrent callers on an expiring token: exactly one refresh at the gateway', async () => {
      await connect();
      await storedSecrets(id);
      gateway.advanceClock(30 * DAY_MS - 60_000);
      const results = await Promise.all(
        Array.from({ length: 50 }, () => target.tokens.getAccessToken(id)),
      );
      const stored = await storedSecrets(id);
      expect(new Set(results)).toEqual(new Set([stored?.accessToken]));
      expect(gateway.tokenStats().refreshed).toBe(1);
      expect(gateway.requests().filter((r) => r.api === '/auth/token/refresh')).toHaveLength(1);
    });

    it('an access token refused by the gateway is refreshed once and the call retried once', async () => {
      await connect();
      await storedSecrets(id);
      gateway.invalidateAccessTokens(TEST_APP.appKey, id);
      const client = target.app.get(GatewayClient);
      let calls = 0;
      const result = await target.tokens.withAccessToken(id, (token) => {
        calls++;
        return client.callBusiness(
          'aliexpress.ds.product.get',
          { product_id: '1005006154258794', ship_to_country: 'US' },
          token,
        );
      });
      await storedSecrets(id);
      expect(result).toHaveProperty('result');
      expect(calls).toBe(2);
      expect(gateway.tokenStats().refreshed).toBe(1);
    });

    it('a dead refresh token raises ReauthorizationRequiredError and marks the account', async () => {
      await connect();
      const stored = await storedSecrets(id);
      // the refresh token is used elsewhere (another copy of the app): the stored one is now dead
      const rotated = await target.app
        .get(GatewayClient)
        .callSystem('/auth/token/refresh', { refresh_token: stored?.refreshToken as string });
      secrets.push(rotated.access_token as string, rotated.refresh_token as string);
      await expect(target.tokens.refresh(id)).rejects.toBeInstanceOf(ReauthorizationRequiredError);
      expect(await target.tokens.getAccount(id)).toMatchObject({ reauthorizationRequired: true });
      await expect(target.tokens.getAccessToken(id)).rejects.toBeInstanceOf(
        ReauthorizationRequiredError,
      );
      expect(events.map((e) => e.type)).toEqual(['issued', 'reauthorization-required']);
    });

    it('past the refresh token lifetime the user must authorize again', async () => {
      await connect();
      await storedSecrets(id);
      gateway.advanceClock(61 * DAY_MS);
      await expect(target.tokens.getAccessToken(id)).rejects.toBeInstanceOf(
        ReauthorizationRequiredError,
      );
      expect(gateway.requests().filter((r) => r.api === '/auth/token/refresh')).toHaveLength(0);
      // authorizing again clears the mark
      await connect();
      await storedSecrets(id);
      expect(await target.tokens.getAccount(id)).toMatchObject({ reauthorizationRequired: false });
    });

    it('a transient refresh failure raises a typed error and keeps the stored pair intact', async () => {
      await connect();
      const before = await storedSecrets(id);
      gateway.injectFault({ kind: 'http-error', api: '/auth/token/refresh', count: 2 });
      await expect(target.tokens.refresh(id)).rejects.toBeInstanceOf(AliexpressTransportError);
      expect(await target.store.get(id)).toEqual(before);
      // within the margin but not expired: the current token is still handed out
      gateway.advanceClock(30 * DAY_MS - 10 * 60_000);
      expect(await target.tokens.getAccessToken(id)).toBe(before?.accessToken);
      expect(await target.store.get(id)).toEqual(before);
    });

    it('disconnect forgets the account; an unknown account is a typed error', async () => {
      await connect();
      await storedSecrets(id);
      expect(await target.tokens.disconnect(id)).toBe(true);
      expect(await target.tokens.disconnect(id)).toBe(false);
      await expect(target.tokens.getAccessToken(id)).rejects.toBeInstanceOf(
        AccountNotConnectedError,
      );
      await expect(target.tokens.getAccessToken('')).rejects.toMatchObject({
        argument: 'accountId',
      });
      expect(events.map((e) => e.type)).toEqual(['issued', 'disconnected']);
    });
  });

  // declared last, so it runs after every case of this variant
  it('wrote no secret, token, code or state to any log line during the run', () => {
    expect(target.logs.lines.some((l) => l.includes('connected'))).toBe(true);
    expect(secrets.length).toBeGreaterThan(10);
    expect(target.logs.leaks(secrets)).toEqual([]);
  });
});
