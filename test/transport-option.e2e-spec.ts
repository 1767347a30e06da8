import type { TestingModule } from '@nestjs/testing';
import {
  AliexpressConfigurationError,
  DropshippingService,
  GatewayTransport,
  MemoryTokenStore,
  NodeHttpGatewayTransport,
  TokenService,
  type GatewayHttpResponse,
  type GatewayPostOptions,
} from 'nestjs-aliexpress';
import type { MockAliexpressGateway } from 'nestjs-aliexpress/testing';
import { TEST_APP, clientFor, startGateway } from './support/gateway-harness.js';

const ACCOUNT = '4641738246';
const PHONE_CASE = '1005006154258794';

/** The `transport` option: the port's adapter an app picks, used for every gateway call. */
describe('the transport option', () => {
  let gateway: MockAliexpressGateway;
  const modules: TestingModule[] = [];

  beforeAll(async () => {
    ({ gateway } = await startGateway());
  });
  afterAll(async () => {
    await Promise.all(modules.map((m) => m.close()));
    await gateway.stop();
  });

  async function connected(transport: GatewayTransport) {
    const { moduleRef } = await clientFor(gateway, {
      tokenStore: new MemoryTokenStore(),
      transport,
    });
    modules.push(moduleRef);
    await moduleRef.get(TokenService).exchangeCode(gateway.issueCode(TEST_APP.appKey));
    return moduleRef;
  }

  it('NodeHttpGatewayTransport carries the token exchange and business calls', async () => {
    const transport = new NodeHttpGatewayTransport();
    const moduleRef = await connected(transport);
    expect(moduleRef.get(GatewayTransport)).toBe(transport);
    const product = await moduleRef
      .get(DropshippingService)
      .getProduct(ACCOUNT, { productId: PHONE_CASE, shipToCountry: 'US' });
    expect(product.productId).toBe(PHONE_CASE);
    expect(product.skus.length).toBeGreaterThan(0);
  });

  it('an app-provided transport sees every request, signed form included', async () => {
    const seen: string[] = [];
    const inner = new NodeHttpGatewayTransport();
    const recording: GatewayTransport = {
      post(url: string, form: string, options: GatewayPostOptions): Promise<GatewayHttpResponse> {
        seen.push(`${new URL(url).pathname} ${new URLSearchParams(form).get('method') ?? ''}`);
        return inner.post(url, form, options);
      },
    };
    const moduleRef = await connected(recording);
    await moduleRef.get(DropshippingService).getProduct(ACCOUNT, {
      productId: PHONE_CASE,
      shipToCountry: 'US',
    });
    inner.onModuleDestroy();
    expect(seen).toEqual(['/rest/auth/token/create ', '/sync aliexpress.ds.product.get']);
  });

  it('refuses a transport without post() at startup, naming the option', async () => {
    const error = await clientFor(gateway, { transport: {} as GatewayTransport }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AliexpressConfigurationError);
    expect(error).toMatchObject({ option: 'transport' });
  });
});
