import { Module } from '@nestjs/common';
import { ALIEXPRESS_OPTIONS } from './aliexpress.constants';
import {
  ALIEXPRESS_MODULE_OPTIONS,
  AliexpressConfigurableModule,
} from './aliexpress.module-definition';
import type {
  AliexpressModuleOptions,
  ResolvedAliexpressOptions,
} from './config/aliexpress-options.interface';
import { resolveOptions } from './config/resolve-options';
import { AliexpressConfigurationError } from './errors/aliexpress.errors';
import { DropshippingService } from './dropshipping/dropshipping.service';
import { GatewayClient } from './gateway/gateway.client';
import { gatewayTransportProviders } from './gateway/gateway-http.provider';
import { OAuthStateService } from './oauth/oauth-state.service';
import { SignatureService } from './signing/signature.service';
import { EncryptedTokenStore } from './tokens/encrypted-token.store';
import { MemoryTokenStore } from './tokens/memory-token.store';
import { TokenService } from './tokens/token.service';
import { TokenStore } from './tokens/token.store';

const STORE_METHODS = ['get', 'set', 'compareAndSet', 'delete', 'list'] as const;

function tokenStoreFor(options: ResolvedAliexpressOptions): TokenStore {
  const store = options.tokenStore ?? new MemoryTokenStore(() => options.clock.now());
  const missing = STORE_METHODS.filter(
    (m) => typeof (store as unknown as Record<string, unknown>)[m] !== 'function',
  );
  if (missing.length)
    throw new AliexpressConfigurationError('tokenStore', `lacks ${missing.join(', ')}`);
  return options.tokenEncryptionKey
    ? new EncryptedTokenStore(store, options.tokenEncryptionKey)
    : store;
}

/**
 * The AliExpress Open Platform module: `AliexpressModule.forRoot(options)` or
 * `forRootAsync({ imports, inject, useFactory | useClass | useExisting })`.
 */
@Module({
  providers: [
    ...gatewayTransportProviders,
    {
      provide: ALIEXPRESS_OPTIONS,
      inject: [ALIEXPRESS_MODULE_OPTIONS],
      useFactory: (options: AliexpressModuleOptions) => resolveOptions(options),
    },
    { provide: TokenStore, inject: [ALIEXPRESS_OPTIONS], useFactory: tokenStoreFor },
    SignatureService,
    GatewayClient,
    TokenService,
    OAuthStateService,
    DropshippingService,
  ],
  exports: [
    ALIEXPRESS_OPTIONS,
    TokenStore,
    SignatureService,
    GatewayClient,
    TokenService,
    OAuthStateService,
    DropshippingService,
  ],
})
export class AliexpressModule extends AliexpressConfigurableModule {}
