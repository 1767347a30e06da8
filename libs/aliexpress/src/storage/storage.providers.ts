import type { Provider } from '@nestjs/common';
import { ALIEXPRESS_OPTIONS } from '../aliexpress.constants.js';
import type { ResolvedAliexpressOptions } from '../config/aliexpress-options.interface.js';
import { OAuthStateStore } from '../oauth/oauth-state.store.js';
import { METHOD_PACING, MethodPacing, methodPacingKey } from '../pacing/method.pacing.js';
import { RequestPacer } from '../pacing/request.pacer.js';
import { UnlimitedPacer } from '../pacing/unlimited.pacer.js';
import { EncryptedTokenStore } from '../tokens/encrypted-token.store.js';
import { RefreshLock } from '../tokens/refresh.lock.js';
import { TokenStore } from '../tokens/token.store.js';
import { AliexpressStorage, isAliexpressStorage } from './aliexpress.storage.js';
import { MemoryStorage } from './memory.storage.js';

// every port given in the options was checked by the options schema (config/option.rules.ts)

/**
 * The storage the options name (a bundle given as `tokenStore`, bound to the module's app key when
 * it can be, so apps sharing one backend keep apart), else all four ports in memory.
 */
function storageFor(options: ResolvedAliexpressOptions): AliexpressStorage {
  const given = options.tokenStore;
  if (given === undefined || !isAliexpressStorage(given))
    return new MemoryStorage(() => options.clock.now());
  return given.forApp(options.appKey);
}

/** Token pairs: a bare `tokenStore` option, else the storage's; encrypted when keys are set. */
function tokenStoreFor(options: ResolvedAliexpressOptions, storage: AliexpressStorage): TokenStore {
  const given = options.tokenStore;
  const store = given === undefined || isAliexpressStorage(given) ? storage.tokens : given;
  const { tokenEncryptionKey: key, previousTokenEncryptionKeys: previousKeys } = options;
  return key || previousKeys.length
    ? new EncryptedTokenStore(store, key, options.appKey, { previousKeys })
    : store;
}

/**
 * The module's ports. `AliexpressStorage` is built first (so Nest runs its shutdown hook, e.g. to
 * close a Redis connection); each port then comes from its own option, else from the storage.
 * The pacer is built here because it belongs to one app key and one QPS, both known only once the
 * options resolve (`forRootAsync`); `GatewayClient` then just injects a ready `RequestPacer`, and
 * the per-method {@link MethodPacing} whose pacers come from the same storage.
 */
export const storageProviders: Provider[] = [
  { provide: AliexpressStorage, inject: [ALIEXPRESS_OPTIONS], useFactory: storageFor },
  {
    provide: TokenStore,
    inject: [ALIEXPRESS_OPTIONS, AliexpressStorage],
    useFactory: tokenStoreFor,
  },
  {
    provide: OAuthStateStore,
    inject: [ALIEXPRESS_OPTIONS, AliexpressStorage],
    useFactory: (options: ResolvedAliexpressOptions, storage: AliexpressStorage) =>
      options.oauthStateStore ?? storage.oauthStates,
  },
  {
    provide: RefreshLock,
    inject: [ALIEXPRESS_OPTIONS, AliexpressStorage],
    useFactory: (options: ResolvedAliexpressOptions, storage: AliexpressStorage) =>
      options.refreshLock ?? storage.refreshLock,
  },
  {
    provide: RequestPacer,
    inject: [ALIEXPRESS_OPTIONS, AliexpressStorage],
    useFactory: (options: ResolvedAliexpressOptions, storage: AliexpressStorage): RequestPacer =>
      options.qpsLimit ? storage.pacer(options.appKey, options.qpsLimit) : new UnlimitedPacer(),
  },
  {
    // one pacer per (app key, method), built on first use through the storage: with Redis each
    // method's slots are shared by every instance, as the app-wide ones are
    provide: METHOD_PACING,
    inject: [ALIEXPRESS_OPTIONS, AliexpressStorage],
    useFactory: (options: ResolvedAliexpressOptions, storage: AliexpressStorage) =>
      new MethodPacing(options.qpsLimits, (method, qps) =>
        storage.pacer(methodPacingKey(options.appKey, method), qps),
      ),
  },
];
