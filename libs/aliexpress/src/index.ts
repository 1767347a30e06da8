/**
 * The public API of `nestjs-aliexpress`: the module, its services, the ports with their adapters,
 * the errors, and the signing functions. Everything else is internal and may change without notice
 * (the mock gateway in `nestjs-aliexpress/testing` reaches internals by relative path).
 */

// the module
export { AliexpressModule } from './aliexpress.module.js';
export type {
  AliexpressModuleExtras,
  AliexpressOptionsFactory,
} from './aliexpress.module-definition.js';
export type {
  AffiliateOptions,
  AliexpressModuleOptions,
  AuthorizationContext,
  Clock,
  OAuthStateOptions,
  OrderSyncOptions,
} from './config/aliexpress-options.interface.js';
export type { RetryOptions } from './gateway/retry.policy.js';

// services
export { DropshippingService, type RawCallOptions } from './dropshipping/dropshipping.service.js';
export { TokenService } from './tokens/token.service.js';
export { AffiliateService } from './affiliate/affiliate.service.js';
export { GatewayClient } from './gateway/gateway.client.js';
export { SignatureService } from './signing/signature.service.js';

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
} from './dropshipping/dropshipping.inputs.js';
export type {
  CalculateFreightInput,
  GetAddressTreeInput,
  GetCategoriesInput,
  GetFeedItemIdsInput,
  GetWholesaleProductInput,
  SearchByImageInput,
} from './dropshipping/dropshipping.inputs.js';
export type { OrderPromotionInput } from './dropshipping/dropshipping.inputs.js';
export type * from './dropshipping/dropshipping.results.js';
export type { SearchExtendInput } from './dropshipping/dropshipping.inputs.js';
// affiliate inputs and results
export type {
  GetFeaturedPromoProductsInput,
  GetProductDetailsInput,
  QueryProductsInput,
  SmartMatchProductsInput,
} from './affiliate/affiliate-product.inputs.js';
export type { GenerateLinksInput } from './affiliate/affiliate-link.inputs.js';
export type {
  GetShippingInfoInput,
  GetSkuDetailsInput,
} from './affiliate/affiliate-shipping.inputs.js';
export type {
  GetOrdersInput,
  ListOrdersByIndexInput,
  ListOrdersInput,
} from './affiliate/affiliate-order.inputs.js';
export type * from './affiliate/affiliate-product.results.js';
export type * from './affiliate/affiliate-link.results.js';
export type * from './affiliate/affiliate-catalog.results.js';
export type * from './affiliate/affiliate-shipping.results.js';
export type * from './affiliate/affiliate-order.results.js';
export {
  AliexpressValidationPipe,
  type AliexpressValidationPipeOptions,
} from './common/aliexpress-validation.pipe.js';
export type { InputShapeRules } from './common/input-shape.js';
export type {
  AliexpressAccount,
  AliexpressToken,
  StoredToken,
  TokenRecord,
  UnreadableTokenReason,
  UnreadableTokens,
} from './tokens/aliexpress-token.interface.js';
export type { AliexpressTokenEvent } from './tokens/token-events.js';
export type {
  AlreadyConnectedResponse,
  AuthorizedAccountResponse,
} from './oauth/oauth.controller.js';

// order-status webhooks and order sync
export { OrderEventsService, type OrderEventCounts } from './orders/order-events.service.js';
export { OrderSyncService, type TrackedOrder } from './orders/order-sync.service.js';
export { OnOrderStatus } from './orders/on-order-status.decorator.js';
export type { OrderStatusEvent } from './orders/order-status.event.js';
export type { OrderStatusPush, PushedOrderStatus } from './orders/order-push.js';
export type { WebhookAcknowledgement } from './orders/webhook.controller.js';
export { verifyWebhookSignature, webhookSignature } from './orders/webhook.signature.js';
export {
  OrderInbox,
  type InboxCounts,
  type InboxDelivery,
  type InboxMessage,
  type InboxProcessor,
} from './orders/order.inbox.js';
export { MemoryOrderInbox, type MemoryOrderInboxOptions } from './orders/memory-order.inbox.js';
export {
  BullMqOrderInbox,
  type BullMqConnectionOptions,
  type BullMqOrderInboxOptions,
} from './orders/bullmq-order.inbox.js';
export type { InboxRetryOptions } from './orders/inbox-retry.js';
export { UnprocessableMessageError } from './orders/unprocessable-message.error.js';

// ports (an interface and its injection token each) and their adapters
export { TokenStore } from './tokens/token.store.js';
export { OAuthStateStore, type OAuthStateRecord } from './oauth/oauth-state.store.js';
export { RefreshLock, type RefreshLockHandle } from './tokens/refresh.lock.js';
export { RequestPacer } from './pacing/request.pacer.js';
export { PacingTimeoutError } from './pacing/pacing-timeout.error.js';
export {
  GatewayTransport,
  GatewayTransportFailure,
  type GatewayHttpResponse,
  type GatewayPostOptions,
} from './gateway/gateway.transport.js';
export { AliexpressStorage } from './storage/aliexpress.storage.js';
export { MemoryStorage } from './storage/memory.storage.js';
export { MemoryTokenStore } from './tokens/memory-token.store.js';
export {
  EncryptedTokenStore,
  type EncryptedTokenStoreOptions,
} from './tokens/encrypted-token.store.js';
export { tokenKeyId } from './tokens/token-key.ring.js';
export type { TokenRecordReader } from './tokens/token-record.reader.js';
export { RedisTokenStore, type RedisTokenStoreOptions } from './tokens/redis-token.store.js';
export type { RedisClientLike, RedisConnectionOptions } from './storage/redis.connection.js';
export { AxiosGatewayTransport } from './gateway/axios-gateway.transport.js';
export { NodeHttpGatewayTransport } from './gateway/node-http-gateway.transport.js';

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
} from './errors/aliexpress.errors.js';
export { AliexpressExceptionFilter } from './errors/aliexpress-exception.filter.js';
export type { AliexpressErrorBody } from './errors/aliexpress-error.body.js';

// signing: the request builder's public face, and the explanation of a bad signature
export { canonicalString, signParams } from './signing/gateway-request.builder.js';
export type { ParamRecord, ParamValue, SignMethod, SignOptions } from './signing/sign-params.js';
export {
  diagnoseSignature,
  type DiagnoseSignatureInput,
  type SignatureDiagnosis,
  type SignatureMistake,
  type SignatureMistakeId,
} from './signing/signature-diagnosis.js';
export type { GatewayJson, GatewayObject } from './gateway/gateway-json.parser.js';
