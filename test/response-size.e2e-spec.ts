import { Test } from '@nestjs/testing';
import {
  AliexpressConfigurationError,
  AliexpressModule,
  AliexpressTransportError,
  NodeHttpGatewayTransport,
  type AliexpressModuleOptions,
} from 'nestjs-aliexpress';
import { useConnectedSuite } from './support/gateway-harness.js';
import { ACCOUNT, PHONE_CASE } from './support/mock-catalogue.js';

/*
 * Over HTTP against the mock gateway: an answer past the size cap (default
 * 4 MiB, option maxResponseBytes) is one download only, not four retried 16 MiB downloads, and
 * a typed error of kind `response-too-large`, with either transport.
 */

const MIB = 1024 * 1024;
/** A JSON answer of about `bytes` bytes, as a proxy or a hostile gateway could send. */
const hugeAnswer = (bytes: number) => `{"padding":"${'x'.repeat(bytes)}"}`;

describe.each<[string, () => Partial<AliexpressModuleOptions>]>([
  ['AxiosGatewayTransport (default)', () => ({})],
  ['NodeHttpGatewayTransport', () => ({ transport: new NodeHttpGatewayTransport() })],
])('response size cap with %s', (_name, options) => {
  const suite = useConnectedSuite({
    ...options(),
    timeoutMs: 10_000,
    retry: { initialDelayMs: 10, maxDelayMs: 20, maxRetries: 3 },
  });
  const productCalls = () =>
    suite.gateway.requests().filter((r) => r.api === 'aliexpress.ds.product.get');

  it('an answer over the default 4 MiB: response-too-large, downloaded once, not retried', async () => {
    suite.gateway.injectFault({
      kind: 'json-body',
      api: 'aliexpress.ds.product.get',
      text: hugeAnswer(5 * MIB),
      count: 4,
    });
    const error = await suite.ds
      .getProduct(ACCOUNT, { productId: PHONE_CASE, shipToCountry: 'US' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AliexpressTransportError);
    expect(error).toMatchObject({
      kind: 'response-too-large',
      apiName: 'aliexpress.ds.product.get',
    });
    expect((error as Error).message).toContain(String(4 * MIB));
    expect(productCalls()).toHaveLength(1);
  });

  it('an answer under the cap is read as usual', async () => {
    await expect(
      suite.ds.getProduct(ACCOUNT, { productId: PHONE_CASE, shipToCountry: 'US' }),
    ).resolves.toMatchObject({ productId: PHONE_CASE });
  });
});

describe('maxResponseBytes', () => {
  const suite = useConnectedSuite({ maxResponseBytes: 64 * 1024 });

  it('lowers the cap: a 100 KiB answer is refused after one download', async () => {
    suite.gateway.injectFault({
      kind: 'json-body',
      api: 'aliexpress.ds.product.get',
      text: hugeAnswer(100 * 1024),
      count: 4,
    });
    const error = await suite.ds
      .getProduct(ACCOUNT, { productId: PHONE_CASE, shipToCountry: 'US' })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'response-too-large' });
    expect(
      suite.gateway.requests().filter((r) => r.api === 'aliexpress.ds.product.get'),
    ).toHaveLength(1);
  });

  it.each([0, -1, 1.5, '4MB', 17 * MIB])(
    'refuses %p at startup, naming the option',
    async (value) => {
      const compile = Test.createTestingModule({
        imports: [
          AliexpressModule.forRoot({
            appKey: '500102',
            appSecret: 'e2e-secret-5f1c9a7d',
            maxResponseBytes: value as number,
            controller: false,
          }),
        ],
      }).compile();
      const error = await compile.catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AliexpressConfigurationError);
      expect(error).toMatchObject({ option: 'maxResponseBytes' });
    },
  );
});
