import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { ALIEXPRESS_OPTIONS } from './aliexpress.constants.js';
import {
  ALIEXPRESS_MODULE_OPTIONS,
  ALIEXPRESS_REGISTRATION,
  AliexpressConfigurableModule,
  type AliexpressRegistration,
} from './aliexpress.module-definition.js';
import type { AliexpressModuleOptions } from './config/aliexpress-options.interface.js';
import { resolveOptions } from './config/resolve-options.js';
import { AffiliateService } from './affiliate/affiliate.service.js';
import { DropshippingService } from './dropshipping/dropshipping.service.js';
import { GatewayClient } from './gateway/gateway.client.js';
import { gatewayTransportProviders } from './gateway/gateway-http.provider.js';
import { OAuthStateService } from './oauth/oauth-state.service.js';
import { OAuthStateStore } from './oauth/oauth-state.store.js';
import { MemoryOrderInbox } from './orders/memory-order.inbox.js';
import { OrderEventsService } from './orders/order-events.service.js';
import { OrderFetchVerifier } from './orders/order-fetch.verifier.js';
import { OrderHandlersExplorer } from './orders/order-handlers.explorer.js';
import { OrderStatusLedger } from './orders/order-status.ledger.js';
import { OrderSyncService } from './orders/order-sync.service.js';
import { OrderInbox } from './orders/order.inbox.js';
import type { ResolvedAliexpressOptions } from './config/aliexpress-options.interface.js';
import { RequestPacer } from './pacing/request.pacer.js';
import { SignatureService } from './signing/signature.service.js';
import { AliexpressStorage } from './storage/aliexpress.storage.js';
import { storageProviders } from './storage/storage.providers.js';
import { RefreshLock } from './tokens/refresh.lock.js';
import { TokenService } from './tokens/token.service.js';
import { TokenStore } from './tokens/token.store.js';

/**
 * The AliExpress Open Platform module: `AliexpressModule.forRoot(options)` or
 * `forRootAsync({ imports, inject, useFactory | useClass | useExisting })`.
 */
@Module({
  imports: [DiscoveryModule],
  providers: [
    ...gatewayTransportProviders,
    {
      provide: ALIEXPRESS_OPTIONS,
      inject: [ALIEXPRESS_MODULE_OPTIONS, { token: ALIEXPRESS_REGISTRATION, optional: true }],
      useFactory: (options: AliexpressModuleOptions, registration?: AliexpressRegistration) =>
        resolveOptions(options, registration),
    },
    ...storageProviders,
    SignatureService,
    GatewayClient,
    TokenService,
    OAuthStateService,
    DropshippingService,
    AffiliateService,
    {
      provide: OrderInbox,
      inject: [ALIEXPRESS_OPTIONS],
      useFactory: (options: ResolvedAliexpressOptions) => {
        const inbox: OrderInbox = options.orderInbox ?? new MemoryOrderInbox();
        // bound to this app, like the token store: apps sharing a Redis keep their own queue
        return inbox.forApp ? inbox.forApp(options.appKey) : inbox;
      },
    },
    OrderStatusLedger,
    OrderFetchVerifier,
    OrderHandlersExplorer,
    OrderEventsService,
    OrderSyncService,
  ],
  exports: [
    ALIEXPRESS_OPTIONS,
    AliexpressStorage,
    TokenStore,
    OAuthStateStore,
    RefreshLock,
    RequestPacer,
    SignatureService,
    GatewayClient,
    TokenService,
    OAuthStateService,
    DropshippingService,
    AffiliateService,
    OrderInbox,
    OrderEventsService,
    OrderSyncService,
  ],
})
export class AliexpressModule extends AliexpressConfigurableModule {}
