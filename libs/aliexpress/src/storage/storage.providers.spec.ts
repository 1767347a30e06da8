import { Test, type TestingModule } from '@nestjs/testing';
import { AliexpressModule } from '../aliexpress.module.js';
import type { AliexpressModuleOptions } from '../config/aliexpress-options.interface.js';
import { AliexpressConfigurationError } from '../errors/aliexpress.errors.js';
import { MemoryOAuthStateStore } from '../oauth/memory-oauth-state.store.js';
import { OAuthStateStore } from '../oauth/oauth-state.store.js';
import { IntervalPacer } from '../pacing/interval.pacer.js';
import { RequestPacer } from '../pacing/request.pacer.js';
import { UnlimitedPacer } from '../pacing/unlimited.pacer.js';
import { EncryptedTokenStore } from '../tokens/encrypted-token.store.js';
import { MemoryRefreshLock } from '../tokens/memory-refresh.lock.js';
import { MemoryTokenStore } from '../tokens/memory-token.store.js';
import { RefreshLock } from '../tokens/refresh.lock.js';
import { TokenStore } from '../tokens/token.store.js';
import { AliexpressStorage } from './aliexpress.storage.js';
import { MemoryStorage } from './memory.storage.js';

const boot = (extra: Partial<AliexpressModuleOptions>): Promise<TestingModule> =>
  Test.createTestingModule({
    imports: [
      AliexpressModule.forRoot({ appKey: '500102', appSecret: 's', controller: false, ...extra }),
    ],
  }).compile();

/** A working in-memory bundle with one port replaced, as a plain object. */
const bundleWith = (override: object): AliexpressStorage => {
  const memory = new MemoryStorage();
  const bundle: AliexpressStorage = {
    ...memory,
    pacer: (appKey, qps) => memory.pacer(appKey, qps),
    forApp: () => bundle,
    ...override,
  };
  return bundle;
};

describe('storage providers', () => {
  it('default: every port in memory, and no pacing without qpsLimit', async () => {
    const ref = await boot({});
    expect(ref.get(AliexpressStorage)).toBeInstanceOf(MemoryStorage);
    expect(ref.get(TokenStore)).toBeInstanceOf(MemoryTokenStore);
    expect(ref.get(OAuthStateStore)).toBeInstanceOf(MemoryOAuthStateStore);
    expect(ref.get(RefreshLock)).toBeInstanceOf(MemoryRefreshLock);
    expect(ref.get(RequestPacer)).toBeInstanceOf(UnlimitedPacer);
    await ref.close();
  });

  it('a bundle as tokenStore provides all four ports; the pacer is its own for appKey and qps', async () => {
    const bundle = new MemoryStorage();
    const pacerFor = vi.spyOn(bundle, 'pacer');
    const ref = await boot({ tokenStore: bundle, qpsLimit: 7 });
    expect(ref.get(AliexpressStorage)).toBe(bundle);
    expect(ref.get(TokenStore)).toBe(bundle.tokens);
    expect(ref.get(OAuthStateStore)).toBe(bundle.oauthStates);
    expect(ref.get(RefreshLock)).toBe(bundle.refreshLock);
    expect(pacerFor).toHaveBeenCalledWith('500102', 7);
    expect(ref.get(RequestPacer)).toBe(bundle.pacer('500102', 7));
    await ref.close();
  });

  it("a bundle that can bind an app key is bound to the module's, and that view is used", async () => {
    const bound = new MemoryStorage();
    const bundle = bundleWith({ forApp: vi.fn(() => bound) });
    const ref = await boot({ tokenStore: bundle });
    expect(bundle.forApp).toHaveBeenCalledWith('500102');
    expect(ref.get(AliexpressStorage)).toBe(bound);
    expect(ref.get(TokenStore)).toBe(bound.tokens);
    expect(ref.get(OAuthStateStore)).toBe(bound.oauthStates);
    await ref.close();
  });

  it('a bare TokenStore replaces only token pairs; per-port options replace their port', async () => {
    const tokens = new MemoryTokenStore();
    const states = new MemoryOAuthStateStore();
    const lock = new MemoryRefreshLock();
    const ref = await boot({
      tokenStore: tokens,
      oauthStateStore: states,
      refreshLock: lock,
      qpsLimit: 3,
    });
    expect(ref.get(TokenStore)).toBe(tokens);
    expect(ref.get(OAuthStateStore)).toBe(states);
    expect(ref.get(RefreshLock)).toBe(lock);
    expect(ref.get(RequestPacer)).toBeInstanceOf(IntervalPacer);
    await ref.close();
  });

  it('an encryption key wraps the token store, whichever it is, and nothing else', async () => {
    const bundle = new MemoryStorage();
    const ref = await boot({ tokenStore: bundle, tokenEncryptionKey: 'a'.repeat(64) });
    expect(ref.get(TokenStore)).toBeInstanceOf(EncryptedTokenStore);
    expect(ref.get(OAuthStateStore)).toBe(bundle.oauthStates);
    await ref.close();
  });

  it.each([
    ['tokenStore', 'lacks set', { tokenStore: { get: () => undefined } as never }],
    ['tokenStore', 'lacks pacer', { tokenStore: bundleWith({ pacer: undefined }) }],
    [
      'tokenStore',
      '(storage.tokens) lacks set',
      { tokenStore: bundleWith({ tokens: { get: () => undefined } }) },
    ],
    ['oauthStateStore', 'lacks redeem', { oauthStateStore: { save: () => undefined } as never }],
    [
      'oauthStateStore',
      'redeem(nonce, ttlMs) replaces save and take',
      { oauthStateStore: { save: () => undefined, take: () => undefined } as never },
    ],
    ['refreshLock', 'lacks acquire', { refreshLock: {} as never }],
    [
      'tokenStore',
      '(storage.refreshLock) lacks acquire',
      { tokenStore: bundleWith({ refreshLock: {} }) },
    ],
  ])(
    'a port lacking methods is refused at startup, naming %s and the part (%s)',
    async (option, part, extra) => {
      const error = await boot(extra).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AliexpressConfigurationError);
      expect(error).toMatchObject({ option });
      expect((error as Error).message).toContain(part);
    },
  );
});
