import { MockGatewayConfigError } from './mock-gateway.errors.js';
import type { MockPushStatus } from './mock-order.lifecycle.js';
import type {
  MockLifecycleOptions,
  MockPushFault,
  MockPushRecord,
} from './mock-webhook.options.js';

/** The gateway controls behind the push and lifecycle routes (the methods of the mock gateway). */
export interface MockPushControlTarget {
  setWebhook(appKey: string, url: string | undefined): void;
  webhooks(): Record<string, string>;
  pushes(): MockPushRecord[];
  clearPushes(): void;
  injectPushFault(fault: MockPushFault): void;
  clearPushFaults(): void;
  startLifecycle(options: MockLifecycleOptions): void;
  stopLifecycle(): void;
  lifecycleStepMs(): number | undefined;
  advanceOrder(orderId: string): { orderStatus: MockPushStatus; status: string };
  setNextOrderStatus(orderId: string, status: MockPushStatus | undefined): void;
}

/** What a control route answers: an HTTP status and a JSON body. */
export interface MockControlAnswer {
  status: number;
  body: unknown;
}

const ok = (status = 200): MockControlAnswer => ({ status, body: { ok: true } });

/**
 * The `/__mock/…` routes of webhook registration, pushes, push faults and the order lifecycle, so
 * another process (the demo, a browser test) drives them like the mock's other controls.
 * `undefined` when the route is not one of them.
 */
export async function pushControl(
  route: string,
  body: () => Promise<Record<string, unknown>>,
  gateway: MockPushControlTarget,
): Promise<MockControlAnswer | undefined> {
  switch (route) {
    case 'GET /__mock/webhook':
      return { status: 200, body: { webhooks: gateway.webhooks() } };
    case 'POST /__mock/webhook': {
      const { appKey, url } = await body();
      if (typeof appKey !== 'string' || (url !== null && typeof url !== 'string'))
        throw new MockGatewayConfigError('body needs { "appKey": string, "url": string | null }');
      gateway.setWebhook(appKey, url ?? undefined);
      return ok();
    }
    case 'GET /__mock/pushes':
      return { status: 200, body: { pushes: gateway.pushes() } };
    case 'DELETE /__mock/pushes':
      gateway.clearPushes();
      return ok();
    case 'POST /__mock/push-faults':
      gateway.injectPushFault((await body()) as unknown as MockPushFault);
      return ok(201);
    case 'DELETE /__mock/push-faults':
      gateway.clearPushFaults();
      return ok();
    case 'GET /__mock/lifecycle':
      return { status: 200, body: { stepMs: gateway.lifecycleStepMs() ?? null } };
    case 'POST /__mock/lifecycle':
      gateway.startLifecycle((await body()) as unknown as MockLifecycleOptions);
      return ok();
    case 'DELETE /__mock/lifecycle':
      gateway.stopLifecycle();
      return ok();
    case 'POST /__mock/order-advance': {
      const { orderId } = await body();
      if (typeof orderId !== 'string')
        throw new MockGatewayConfigError('body needs { "orderId": string }');
      return { status: 200, body: { orderId, ...gateway.advanceOrder(orderId) } };
    }
    case 'POST /__mock/order-next-status': {
      const { orderId, status } = await body();
      if (typeof orderId !== 'string' || (status !== null && typeof status !== 'string'))
        throw new MockGatewayConfigError(
          'body needs { "orderId": string, "status": "OrderShipped" | … | null }',
        );
      gateway.setNextOrderStatus(orderId, (status ?? undefined) as MockPushStatus | undefined);
      return ok();
    }
    default:
      return undefined;
  }
}
