import { Module } from '@nestjs/common';
import { ALIEXPRESS_OPTIONS } from './aliexpress.constants';
import {
  ALIEXPRESS_MODULE_OPTIONS,
  ALIEXPRESS_REGISTRATION,
  AliexpressConfigurableModule,
  type AliexpressRegistration,
} from './aliexpress.module-definition';
import type {
  AliexpressModuleOptions,
  ResolvedAliexpressOptions,
} from './config/aliexpress-options.interface';
import { resolveOptions } from './config/resolve-options';
import { DropshippingService } from './dropshipping/dropshipping.service';
import { GatewayClient } from './gateway/gateway.client';
import { gatewayHttpProvider } from './gateway/gateway-http.provider';
import { OAuthStateService } from './oauth/oauth-state.service';
import { SignatureService } from './signing/signature.service';
import { EncryptedTokenStore } from './tokens/encrypted-token.store';
import { MemoryTokenStore } from './tokens/memory-token.store';
import { TokenService } from './tokens/token.service';
import { TokenStore } from './tokens/token.store';

function tokenStoreFor(options: ResolvedAliexpressOptions): TokenStore {
  // the options schema already checked a given store's methods
  const store = options.tokenStore ?? new MemoryTokenStore(() => options.clock.now());
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
    gatewayHttpProvider,
    {
      provide: ALIEXPRESS_OPTIONS,
      inject: [ALIEXPRESS_MODULE_OPTIONS, { token: ALIEXPRESS_REGISTRATION, optional: true }],
      useFactory: (options: AliexpressModuleOptions, registration?: AliexpressRegistration) =>
        resolveOptions(options, registration),
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
