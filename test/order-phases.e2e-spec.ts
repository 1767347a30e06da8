import {
  AliexpressTransportError,
  AmbiguousOrderStateError,
  ReauthorizationRequiredError,
  type CreateOrderInput,
} from 'nestjs-aliexpress';
import { Logger } from '@nestjs/common';
import { useConnectedSuite } from './support/gateway-harness.js';
import { ACCOUNT, PHONE_CASE } from './support/mock-catalogue.js';

/*
 * Over HTTP against the mock gateway: a createOrder failure is classified by
 * phase. Before the order request left (the token refresh failed), the token error is raised and
 * the gateway never saw an order; only a failure after the order may have reached the gateway is
 * an AmbiguousOrderStateError.
 */

const DAY = 86_400_000;
const ORDER: CreateOrderInput = {
  outOrderId: 'phase-1',
  address: {
    fullName: 'Ada Lovelace',
    address: '12 Analytical Engine St',
    city: 'Vineland',
    province: 'New Jersey',
    country: 'US',
    zip: '08360',
    mobileNo: '5593600000',
    phoneCountry: '+1',
  },
  items: [{ productId: PHONE_CASE, quantity: 1, skuAttr: '14:350853#Black;5:361386' }],
};

describe('createOrder failures by phase', () => {
  const suite = useConnectedSuite({
    timeoutMs: 300,
    retry: { initialDelayMs: 10, maxDelayMs: 20, maxRetries: 1 },
  });
  const orderRequests = () =>
    suite.gateway.requests().filter((r) => r.api === 'aliexpress.ds.order.create');

  beforeEach(() => {
    vi.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
  });
  afterEach(() => vi.restoreAllMocks());

  it('the access token expired and its refresh times out: the refresh timeout, no order sent', async () => {
    suite.gateway.advanceClock(31 * DAY);
    suite.gateway.injectFault({
      kind: 'delay',
      api: '/auth/token/refresh',
      delayMs: 2000,
      count: 5,
    });
    const error = await suite.ds.createOrder(ACCOUNT, ORDER).catch((e: unknown) => e);
    expect(error).not.toBeInstanceOf(AmbiguousOrderStateError);
    expect(error).toBeInstanceOf(AliexpressTransportError);
    expect(error).toMatchObject({ kind: 'timeout', apiName: '/auth/token/refresh' });
    expect(orderRequests()).toEqual([]);
  });

  it('the refresh token is dead: ReauthorizationRequiredError, no order sent', async () => {
    suite.gateway.advanceClock(61 * DAY);
    const error = await suite.ds.createOrder(ACCOUNT, ORDER).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReauthorizationRequiredError);
    expect(orderRequests()).toEqual([]);
  });

  it('the order request itself times out: AmbiguousOrderStateError in the send phase, sent once', async () => {
    suite.gateway.injectFault({
      kind: 'delay',
      api: 'aliexpress.ds.order.create',
      delayMs: 2000,
      processed: true,
    });
    const error = await suite.ds.createOrder(ACCOUNT, ORDER).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AmbiguousOrderStateError);
    expect(error).toMatchObject({ outOrderId: 'phase-1', phase: 'send', failure: 'timeout' });
    expect(orderRequests()).toHaveLength(1);
  });

  it('the order was placed but the answer cannot be read: ambiguous, in the answer phase', async () => {
    suite.gateway.injectFault({
      kind: 'json-body',
      api: 'aliexpress.ds.order.create',
      body: { aliexpress_ds_order_create_response: { result: { is_success: true } } },
      processed: true,
    });
    const error = await suite.ds.createOrder(ACCOUNT, ORDER).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AmbiguousOrderStateError);
    expect(error).toMatchObject({ phase: 'answer', failure: 'unexpected-shape' });
    expect(orderRequests()).toHaveLength(1);
  });
});
