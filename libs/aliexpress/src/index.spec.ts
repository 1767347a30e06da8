import { join } from 'node:path';
import * as ts from 'typescript';
import * as publicApi from './index.js';

/**
 * The public surface is a decision, not an accident: adding or removing a runtime export means
 * changing this list on purpose (and the exports table in docs/library.md).
 */
const RUNTIME_EXPORTS = [
  // module and services
  'AliexpressModule',
  'AffiliateService',
  'DropshippingService',
  'GatewayClient',
  'SignatureService',
  'TokenService',
  // order-status webhooks and order sync
  'BullMqOrderInbox',
  'MemoryOrderInbox',
  'OnOrderStatus',
  'OrderEventsService',
  'OrderInbox',
  'OrderSyncService',
  'UnprocessableMessageError',
  'verifyWebhookSignature',
  'webhookSignature',
  // order inputs (classes an app may reuse as DTOs)
  'CreateOrderInput',
  'OrderAddressInput',
  'OrderItemInput',
  // the validation pipe for DTOs that reuse them
  'AliexpressValidationPipe',
  // ports and adapters
  'AliexpressStorage',
  'AxiosGatewayTransport',
  'EncryptedTokenStore',
  'GatewayTransport',
  'GatewayTransportFailure',
  'MemoryStorage',
  'MemoryTokenStore',
  'NodeHttpGatewayTransport',
  'OAuthStateStore',
  'RedisTokenStore',
  'RefreshLock',
  'RequestPacer',
  'TokenStore',
  'tokenKeyId',
  // errors
  'AccountNotConnectedError',
  'AliexpressAccessTokenError',
  'AliexpressApiError',
  'AliexpressArgumentError',
  'AliexpressBusinessError',
  'AliexpressConfigurationError',
  'AliexpressError',
  'AliexpressGrantError',
  'AliexpressRateLimitError',
  'AliexpressSignatureError',
  'AliexpressTimestampError',
  'AliexpressTransportError',
  'AliexpressValidationError',
  'AmbiguousOrderStateError',
  'OAuthFlowException',
  'OAuthStateError',
  'OrderAlreadyPlacedError',
  'PacingTimeoutError',
  'ReauthorizationRequiredError',
  'TokenEncryptionError',
  'TokenStoreError',
  // the HTTP answer for them
  'AliexpressExceptionFilter',
  // signing
  'canonicalString',
  'diagnoseSignature',
  'signParams',
];

describe('the public entry (nestjs-aliexpress)', () => {
  it('exports exactly the documented runtime values', () => {
    expect(Object.keys(publicApi).sort()).toEqual([...RUNTIME_EXPORTS].sort());
  });

  it('gives every export, runtime value or type, a doc comment at its declaration', () => {
    const entry = join(__dirname, 'index.ts');
    const program = ts.createProgram([entry], {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.CommonJS,
      experimentalDecorators: true,
      skipLibCheck: true,
      noEmit: true,
    });
    const checker = program.getTypeChecker();
    const moduleSymbol = checker.getSymbolAtLocation(program.getSourceFile(entry)!)!;
    const undocumented = checker
      .getExportsOfModule(moduleSymbol)
      .map((exported) => {
        const symbol =
          exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
        return {
          name: exported.getName(),
          doc: ts.displayPartsToString(symbol.getDocumentationComment(checker)),
        };
      })
      .filter(({ doc }) => doc.trim() === '')
      .map(({ name }) => name);
    expect(undocumented).toEqual([]);
  });
});
