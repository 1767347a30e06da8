/**
 * The public API of `nestjs-aliexpress`: the module, its services, the ports with their adapters,
 * the errors, and the signing functions. Everything else is internal and may change without notice
 * (the mock gateway in `nestjs-aliexpress/testing` reaches internals by relative path).
 */

// the module
export { AliexpressModule } from './aliexpress.module';
export type {
  AliexpressModuleExtras,
  AliexpressOptionsFactory,
} from './aliexpress.module-definition';
export type {
  AffiliateOptions,
  AliexpressModuleOptions,
  AuthorizationContext,
  Clock,
  OAuthStateOptions,
  OrderSyncOptions,
} from './config/aliexpress-options.interface';
export type { RetryOptions } from './gateway/retry.policy';

// services
export { DropshippingService, type RawCallOptions } from './dropshipping/dropshipping.service';
export { TokenService } from './tokens/token.service';
export { AffiliateService } from './affiliate/affiliate.service';
export { GatewayClient } from './gateway/gateway.client';
export { SignatureService } from './signing/signature.service';

// dropshipping inputs (the order inputs are also classes, so an app can reuse them as validated
// DTOs) and results
export {
  CreateOrderInput,
  OrderAddressInput,
  OrderItemInput,
  type GetOrderInput,
  type GetOrderTrackingInput,
  type GetProductInput,
  type QueryFreightInput,
  type SearchProductsInput,
} from './dropshipping/dropshipping.inputs';
export type {
  CalculateFreightInput,
  GetAddressTreeInput,
  GetCategoriesInput,
  GetFeedItemIdsInput,
  GetWholesaleProductInput,
  SearchByImageInput,
} from './dropshipping/dropshipping.inputs';
export type { OrderPromotionInput } from './dropshipping/dropshipping.inputs';
export type * from './dropshipping/dropshipping.results';
export type { SearchExtendInput } from './dropshipping/dropshipping.inputs';
// affiliate inputs and results
export type {
  GetFeaturedPromoProductsInput,
  GetProductDetailsInput,
  QueryProductsInput,
  SmartMatchProductsInput,
} from './affiliate/product.inputs';
export type { GenerateLinksInput } from './affiliate/link.inputs';
export type { GetShippingInfoInput, GetSkuDetailsInput } from './affiliate/shipping.inputs';
export type {
  GetOrdersInput,
  ListOrdersByIndexInput,
  ListOrdersInput,
} from './affiliate/order.inputs';
export type * from './affiliate/product.results';
export type * from './affiliate/link.results';
export type * from './affiliate/catalog.results';
export type * from './affiliate/shipping.results';
export type * from './affiliate/order.results';
export {
  AliexpressValidationPipe,
  type AliexpressValidationPipeOptions,
} from './dropshipping/aliexpress-validation.pipe';
export type { InputShapeRules } from './dropshipping/input.shape';
export type {
  AliexpressAccount,
  AliexpressToken,
  StoredToken,
  TokenRecord,
  UnreadableTokenReason,
  UnreadableTokens,
} from './tokens/aliexpress-token.interface';
export type { AliexpressTokenEvent } from './tokens/token-events';
export type { AlreadyConnectedResponse, AuthorizedAccountResponse } from './oauth/oauth.controller';

// order-status webhooks and order sync
export { OrderEventsService, type OrderEventCounts } from './orders/order-events.service';
export { OrderSyncService, type TrackedOrder } from './orders/order-sync.service';
export { OnOrderStatus } from './orders/on-order-status.decorator';
export type { OrderStatusEvent } from './orders/order-status.event';
export type { OrderStatusPush, PushedOrderStatus } from './orders/order-push';
export type { WebhookAcknowledgement } from './orders/webhook.controller';
export { verifyWebhookSignature, webhookSignature } from './orders/webhook.signature';
export {
  OrderInbox,
  type InboxCounts,
  type InboxDelivery,
  type InboxMessage,
  type InboxProcessor,
} from './orders/order.inbox';
export { MemoryOrderInbox, type MemoryOrderInboxOptions } from './orders/memory-order.inbox';
export {
  BullMqOrderInbox,
  type BullMqConnectionOptions,
  type BullMqOrderInboxOptions,
} from './orders/bullmq-order.inbox';
export type { InboxRetryOptions } from './orders/inbox-retry';
export { UnprocessableMessageError } from './orders/unprocessable-message.error';

// ports (an interface and its injection token each) and their adapters
export { TokenStore } from './tokens/token.store';
export { OAuthStateStore, type OAuthStateRecord } from './oauth/oauth-state.store';
export { RefreshLock, type RefreshLockHandle } from './tokens/refresh.lock';
export { RequestPacer } from './pacing/request.pacer';
export { PacingTimeoutError } from './pacing/pacing-timeout.error';
export {
  GatewayTransport,
  GatewayTransportFailure,
  type GatewayHttpResponse,
  type GatewayPostOptions,
} from './gateway/gateway.transport';
export { AliexpressStorage } from './storage/aliexpress.storage';
export { MemoryStorage } from './storage/memory.storage';
export { MemoryTokenStore } from './tokens/memory-token.store';
export {
  EncryptedTokenStore,
  type EncryptedTokenStoreOptions,
} from './tokens/encrypted-token.store';
export { tokenKeyId } from './tokens/token-key.ring';
export type { TokenRecordReader } from './tokens/token-record.reader';
export { RedisTokenStore, type RedisTokenStoreOptions } from './tokens/redis-token.store';
export type { RedisClientLike, RedisConnectionOptions } from './storage/redis.connection';
export { AxiosGatewayTransport } from './gateway/axios-gateway.transport';
export { NodeHttpGatewayTransport } from './gateway/node-http-gateway.transport';

// errors: every one is an AliexpressError, except OAuthFlowException (an HttpException for the routes)
export {
  AccountNotConnectedError,
  AliexpressAccessTokenError,
  AliexpressApiError,
  AliexpressArgumentError,
  AliexpressBusinessError,
  AliexpressConfigurationError,
  AliexpressError,
  AliexpressGrantError,
  AliexpressRateLimitError,
  AliexpressSignatureError,
  AliexpressTimestampError,
  AliexpressTransportError,
  AliexpressValidationError,
  AmbiguousOrderStateError,
  OAuthFlowException,
  OAuthStateError,
  OrderAlreadyPlacedError,
  ReauthorizationRequiredError,
  TokenEncryptionError,
  TokenStoreError,
  type AliexpressApiErrorDetails,
  type AliexpressErrorType,
  type ConfigurationProblem,
  type FieldValidationFailure,
  type OAuthStateFailure,
  type OrderFailurePhase,
  type TransportFailureKind,
} from './errors/aliexpress.errors';
export { AliexpressExceptionFilter } from './errors/aliexpress-exception.filter';
export type { AliexpressErrorBody } from './errors/aliexpress-error.body';

// signing: the request builder's public face, and the explanation of a bad signature
export { canonicalString, signParams } from './signing/gateway-request.builder';
export type { ParamRecord, ParamValue, SignMethod, SignOptions } from './signing/sign-params';
export {
  diagnoseSignature,
  type DiagnoseSignatureInput,
  type SignatureDiagnosis,
  type SignatureMistake,
  type SignatureMistakeId,
} from './signing/signature-diagnosis';
export type { GatewayJson, GatewayObject } from './gateway/gateway-json.parser';
