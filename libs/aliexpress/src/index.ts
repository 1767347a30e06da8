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
export * from './tokens/token.service';
export {
  OAuthStateService,
  OAuthStateError,
  isSafeReturnTo,
  type OAuthStateFailure,
} from './oauth/oauth-state.service';
export {
  OAuthController,
  OAuthFlowException,
  type AuthorizedAccountResponse,
} from './oauth/oauth.controller';
export { CallbackQueryDto } from './oauth/callback-query.dto';
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
export { IntervalPacer, type RequestPacer } from './gateway/interval.pacer';
