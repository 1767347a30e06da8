export * from './aliexpress.module';
export { ALIEXPRESS_OPTIONS } from './aliexpress.constants';
export {
  ALIEXPRESS_MODULE_OPTIONS,
  ALIEXPRESS_OPTIONS_TYPE,
  ALIEXPRESS_ASYNC_OPTIONS_TYPE,
  type AliexpressModuleExtras,
  type AliexpressOptionsFactory,
} from './aliexpress.module-definition';
export * from './config/aliexpress-options.interface';
export {
  resolveOptions,
  DEFAULT_BASE_URL,
  DEFAULT_TIMEOUT_MS,
  DEFAULT_REFRESH_MARGIN_SECONDS,
} from './config/resolve-options';
export { validateCredential } from './config/credentials.validator';
export * from './errors/aliexpress.errors';
export * from './signing/sign-params';
export * from './signing/gateway-request.builder';
export * from './signing/json-text';
export * from './signing/secret-params';
export * from './signing/signature-diagnosis';
export * from './signing/signature.service';
export * from './gateway/gateway.client';
export * from './gateway/gateway.transport';
export { AxiosGatewayTransport, GatewayHttpService } from './gateway/axios-gateway.transport';
export {
  parseGatewayJson,
  type GatewayJson,
  type GatewayObject,
} from './gateway/gateway-json.parser';
export { responseKey } from './gateway/gateway-envelope.reader';
export * from './tokens/aliexpress-token.interface';
export * from './tokens/token-events';
export * from './tokens/token.store';
export * from './tokens/memory-token.store';
export * from './tokens/encrypted-token.store';
export * from './tokens/redis-token.store';
export * from './tokens/refresh.lock';
export * from './tokens/memory-refresh.lock';
export * from './tokens/redis-refresh.lock';
export * from './tokens/token.service';
export { OAuthStateService, isSafeReturnTo } from './oauth/oauth-state.service';
export { OAuthController, type AuthorizedAccountResponse } from './oauth/oauth.controller';
export { CallbackQueryDto } from './oauth/callback-query.dto';
export * from './oauth/oauth-state.store';
export * from './oauth/memory-oauth-state.store';
export * from './oauth/redis-oauth-state.store';
export * from './storage/aliexpress.storage';
export * from './storage/memory.storage';
export * from './storage/redis.connection';
export * from './dropshipping/dropshipping.service';
export * from './dropshipping/dropshipping.inputs';
export * from './dropshipping/dropshipping.results';
export { unwrapList } from './dropshipping/dropshipping.normalizer';
export { isTransientFailure, certainlyNotProcessed } from './gateway/transient-failure';
export {
  DEFAULT_RETRY,
  type RetryOptions,
  type ResolvedRetryOptions,
} from './gateway/retry.policy';
export * from './pacing/request.pacer';
export * from './pacing/interval.pacer';
export * from './pacing/unlimited.pacer';
export * from './pacing/redis-request.pacer';
export { pacingIntervalMs } from './pacing/pacing-interval';
