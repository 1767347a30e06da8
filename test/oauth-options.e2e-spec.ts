import {
  Controller,
  Get,
  HttpException,
  Injectable,
  Module,
  UseGuards,
  type CanActivate,
} from '@nestjs/common';
import { Test } from '@nestjs/testing';
import {
  AliexpressConfigurationError,
  AliexpressModule,
  MemoryTokenStore,
  TokenEncryptionError,
  TokenService,
  type AliexpressAccount,
  type AliexpressModuleOptions,
  type AliexpressOptionsFactory,
  type AuthorizationContext,
} from 'nestjs-aliexpress';
import type { MockAliexpressGateway } from 'nestjs-aliexpress/testing';
import request from 'supertest';
import { TEST_APP, mockGatewayOptions, startGateway } from './support/gateway-harness.js';
import {
  PLATFORMS,
  callback,
  consent,
  createOAuthApp,
  listenOn,
  startAuthorization,
  type OAuthApp,
  type OAuthVariant,
  type Platform,
} from './support/oauth-app.js';

const KEY = 'a'.repeat(64);

/** Options for the mock gateway with the OAuth controller (and so a redirect URI). */
const optionsWithController = (gateway: MockAliexpressGateway): AliexpressModuleOptions => ({
  ...mockGatewayOptions(gateway),
  redirectUri: TEST_APP.redirectUris[0],
});

describe('AliexpressModule options', () => {
  let gateway: MockAliexpressGateway;
  const base = () => optionsWithController(gateway);

  beforeAll(async () => {
    ({ gateway } = await startGateway());
  });
  afterAll(async () => {
    await gateway.stop();
  });

  describe('validated at startup, naming the option', () => {
    const boot = (module: ReturnType<typeof AliexpressModule.forRoot>) =>
      Test.createTestingModule({ imports: [module] }).compile();

    it.each([
      ['appSecret', { appSecret: 'secret\n' }],
      ['appKey', { appKey: ' 500102' }],
      ['redirectUri', { redirectUri: '/aliexpress/callback' }],
      ['callbackPath', { callbackPath: 'bad path' }],
      ['tokenEncryptionKey', { tokenEncryptionKey: 'short' }],
      ['refreshMarginSeconds', { refreshMarginSeconds: -1 }],
      ['tokenStore', { tokenStore: { get: () => undefined } as never }],
      ['successRedirect', { successRedirect: 'javascript:alert(1)' }],
    ])('%s', async (option, bad) => {
      for (const module of [
        AliexpressModule.forRoot({ ...base(), ...bad }),
        AliexpressModule.forRootAsync({ useFactory: () => ({ ...base(), ...bad }) }),
      ]) {
        const error = await boot(module).then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(error).toBeInstanceOf(AliexpressConfigurationError);
        expect((error as AliexpressConfigurationError).option).toBe(option);
        expect((error as Error).message).not.toContain(TEST_APP.appSecret);
      }
    });

    it('redirectUri is required only with the controller', async () => {
      const { redirectUri: _unused, ...noRedirect } = base();
      await expect(boot(AliexpressModule.forRoot(noRedirect))).rejects.toMatchObject({
        option: 'redirectUri',
      });
      const ref = await boot(AliexpressModule.forRoot({ ...noRedirect, controller: false }));
      expect(ref.get(TokenService)).toBeInstanceOf(TokenService);
      await ref.close();
    });
  });
});

describe.each(PLATFORMS)('AliexpressModule options over HTTP on %s', (platform: Platform) => {
  let gateway: MockAliexpressGateway;
  const apps: OAuthApp[] = [];
  const create = async (
    variant: Omit<OAuthVariant, 'platform'>,
    extra?: Parameters<typeof createOAuthApp>[2],
  ) => {
    const app = await createOAuthApp(gateway, { ...variant, platform }, extra);
    apps.push(app);
    return app;
  };
  const base = () => optionsWithController(gateway);

  beforeAll(async () => {
    ({ gateway } = await startGateway());
  });
  afterAll(async () => {
    await Promise.all(apps.map((a) => a.close()));
    await gateway.stop();
  });

  describe('forRootAsync with useClass and useExisting, and isGlobal', () => {
    @Injectable()
    class OptionsFactory implements AliexpressOptionsFactory {
      createAliexpressOptions(): AliexpressModuleOptions {
        return { ...base(), callbackPath: 'from-class' };
      }
    }
    @Module({ providers: [OptionsFactory], exports: [OptionsFactory] })
    class OptionsModule {}

    @Controller('feature')
    class FeatureController {
      constructor(private readonly tokens: TokenService) {}
      @Get()
      async list() {
        return this.tokens.listAccounts();
      }
    }
    @Module({ controllers: [FeatureController] })
    class FeatureModule {}

    it.each(['useClass', 'useExisting'] as const)('%s', async (kind) => {
      const module =
        kind === 'useClass'
          ? AliexpressModule.forRootAsync({ useClass: OptionsFactory, isGlobal: true })
          : AliexpressModule.forRootAsync({
              imports: [OptionsModule],
              useExisting: OptionsFactory,
              isGlobal: true,
            });
      const ref = await Test.createTestingModule({ imports: [module, FeatureModule] }).compile();
      const app = await listenOn(ref, platform);
      try {
        await request(app.getHttpServer()).get('/from-class/authorize').expect(302);
        await request(app.getHttpServer()).get('/feature').expect(200, []);
      } finally {
        await app.close();
      }
    });
  });

  it('controller: false registers no routes', async () => {
    const target = await create({ style: 'forRootAsync' }, { controller: false });
    await request(target.app.getHttpServer()).get('/aliexpress/authorize').expect(404);
  });

  it('controllerDecorators guard this registration only', async () => {
    @Injectable()
    class DenyGuard implements CanActivate {
      canActivate() {
        return false;
      }
    }
    const guarded = await create(
      { style: 'forRootAsync', callbackPath: 'guarded' },
      { controllerDecorators: [UseGuards(DenyGuard)] },
    );
    const open = await create({ style: 'forRoot', callbackPath: 'open' });
    await request(guarded.app.getHttpServer()).get('/guarded/authorize').expect(403);
    await request(open.app.getHttpServer()).get('/open/authorize').expect(302);
  });

  it('successRedirect and failureRedirect', async () => {
    const target = await create(
      { style: 'forRoot', callbackPath: 'redirects' },
      { successRedirect: '/connected', failureRedirect: 'https://app.example/failed?from=ae' },
    );
    const ok = await startAuthorization(target);
    const done = await callback(target, await consent(ok, 'approve'), ok.cookie);
    expect(done.status).toBe(302);
    expect(done.headers.location).toBe('/connected');
    const denied = await startAuthorization(target);
    const failed = await callback(target, await consent(denied, 'deny'), denied.cookie);
    expect(failed.status).toBe(302);
    const location = new URL(failed.headers.location);
    expect(location.searchParams.get('from')).toBe('ae');
    expect(location.searchParams.get('error')).toBe('access_denied');
  });

  it('afterAuthorization: gets the account (no tokens) and returnTo; a failing hook keeps the stored token', async () => {
    const seen: Array<[AliexpressAccount, AuthorizationContext]> = [];
    let mode: 'ok' | 'crash' | 'http' = 'ok';
    const target = await create(
      { style: 'forRootAsync', callbackPath: 'hooked' },
      {
        afterAuthorization: (account, context) => {
          seen.push([account, context]);
          if (mode === 'crash') throw new Error('database down');
          if (mode === 'http')
            throw new HttpException({ message: 'account belongs to another tenant' }, 409);
        },
      },
    );
    const run = async (returnTo?: string) => {
      const started = await startAuthorization(target, returnTo);
      return callback(target, await consent(started, 'approve'), started.cookie);
    };
    expect((await run('/next')).headers.location).toBe('/next');
    expect(seen[0][0]).toMatchObject({ accountId: '4641738246', userNick: 'de3031747246rfzae' });
    expect(seen[0][0]).not.toHaveProperty('accessToken');
    expect(seen[0][1].returnTo).toBe('/next');
    mode = 'crash';
    const crashed = await run();
    expect(crashed.status).toBe(500);
    expect(crashed.body).toMatchObject({ reason: 'hook_failed' });
    expect(JSON.stringify(crashed.body)).not.toContain('database down');
    expect(await target.tokens.getAccount('4641738246')).toBeDefined();
    mode = 'http';
    expect((await run()).status).toBe(409);
  });

  it('Secure cookie over https (trust proxy) and when forced', async () => {
    const auto = await create({ style: 'forRoot', callbackPath: 'secure-auto', trustProxy: true });
    const res = await request(auto.app.getHttpServer())
      .get('/secure-auto/authorize')
      .set('X-Forwarded-Proto', 'https');
    expect(res.headers['set-cookie']?.[0]).toMatch(/; Secure/);
    const plain = await request(auto.app.getHttpServer()).get('/secure-auto/authorize');
    expect(plain.headers['set-cookie']?.[0]).not.toMatch(/Secure/);
    // without trust proxy a client's X-Forwarded-Proto is not believed
    const untrusted = await create({ style: 'forRoot', callbackPath: 'secure-untrusted' });
    const spoofed = await request(untrusted.app.getHttpServer())
      .get('/secure-untrusted/authorize')
      .set('X-Forwarded-Proto', 'https');
    expect(spoofed.headers['set-cookie']?.[0]).not.toMatch(/Secure/);
    const forced = await create(
      { style: 'forRoot', callbackPath: 'secure-on' },
      { state: { secureCookie: true, cookieName: 'ae_state' } },
    );
    const forcedRes = await request(forced.app.getHttpServer()).get('/secure-on/authorize');
    expect(forcedRes.headers['set-cookie']?.[0]).toMatch(/^ae_state\.[\w-]{16}=.*; Secure/);
  });

  it('tokens encrypted at rest in any store; a wrong key is a clear error', async () => {
    const shared = new MemoryTokenStore();
    const target = await create(
      { style: 'forRoot', callbackPath: 'encrypted' },
      { tokenStore: shared, tokenEncryptionKey: KEY },
    );
    const started = await startAuthorization(target);
    await callback(target, await consent(started, 'approve'), started.cookie).expect(200);
    const raw = await shared.get('4641738246');
    expect(raw?.accessToken).toMatch(/^enc:v2:/);
    expect(raw?.refreshToken).toMatch(/^enc:v2:/);
    const token = await target.tokens.getAccessToken('4641738246');
    expect(token).toMatch(/^50000/);

    const wrong = await create(
      { style: 'forRoot', callbackPath: 'wrong-key' },
      { tokenStore: shared, tokenEncryptionKey: Buffer.alloc(32, 7).toString('base64') },
    );
    const error = await wrong.tokens.getAccessToken('4641738246').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TokenEncryptionError);
    expect((error as Error).message).toMatch(/encryption key is not the one/);
    expect((error as Error).message).not.toContain(token);
  });
});
