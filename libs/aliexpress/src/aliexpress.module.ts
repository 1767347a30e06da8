import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { ALIEXPRESS_OPTIONS } from './aliexpress.constants';
import {
  ALIEXPRESS_MODULE_OPTIONS,
  ALIEXPRESS_REGISTRATION,
  AliexpressConfigurableModule,
  type AliexpressRegistration,
} from './aliexpress.module-definition';
import type { AliexpressModuleOptions } from './config/aliexpress-options.interface';
import { resolveOptions } from './config/resolve-options';
import { AffiliateService } from './affiliate/affiliate.service';
import { DropshippingService } from './dropshipping/dropshipping.service';
import { GatewayClient } from './gateway/gateway.client';
import { gatewayTransportProviders } from './gateway/gateway-http.provider';
import { OAuthStateService } from './oauth/oauth-state.service';
import { OAuthStateStore } from './oauth/oauth-state.store';
import { MemoryOrderInbox } from './orders/memory-order.inbox';
import { OrderEventsService } from './orders/order-events.service';
import { OrderFetchVerifier } from './orders/order-fetch.verifier';
import { OrderHandlersExplorer } from './orders/order-handlers.explorer';
import { OrderStatusLedger } from './orders/order-status.ledger';
import { OrderSyncService } from './orders/order-sync.service';
import { OrderInbox } from './orders/order.inbox';
import type { ResolvedAliexpressOptions } from './config/aliexpress-options.interface';
import { RequestPacer } from './pacing/request.pacer';
import { SignatureService } from './signing/signature.service';
import { AliexpressStorage } from './storage/aliexpress.storage';
import { storageProviders } from './storage/storage.providers';
import { RefreshLock } from './tokens/refresh.lock';
import { TokenService } from './tokens/token.service';
import { TokenStore } from './tokens/token.store';

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
