export * from './aliexpress.module';
export { ALIEXPRESS_OPTIONS, ALIEXPRESS_MODULE_OPTIONS } from './aliexpress.module-definition';
export * from './config/aliexpress-options.interface';
export { resolveOptions, DEFAULT_BASE_URL, DEFAULT_TIMEOUT_MS } from './config/resolve-options';
export { validateCredential } from './config/credentials.validator';
export * from './errors/aliexpress.errors';
export * from './signing/sign-params';
export * from './signing/secret-params';
export * from './signing/signature-diagnosis';
export * from './signing/signature.service';
export * from './gateway/gateway.client';
export {
  parseGatewayJson,
  type GatewayJson,
  type GatewayObject,
} from './gateway/gateway-json.parser';
export { responseKey } from './gateway/gateway-envelope.reader';
