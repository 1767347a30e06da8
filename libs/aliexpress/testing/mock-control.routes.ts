import type { IncomingMessage } from 'node:http';
import type { MockAliexpressGateway } from './mock-gateway.js';
import { MockGatewayConfigError } from './mock-gateway.errors.js';
import type { MockAutoPayOutcome, MockFault } from './mock-gateway.options.js';
import { json, type Outcome } from './mock-http.reply.js';
import type { MockOrderRefusal } from './mock-order.handlers.js';
import { pushControl } from './mock-webhook.controls.js';

/** A control request's JSON object body (`{}` when empty); anything else is a bad request. */
async function readJsonObject(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8').trim();
  if (!text) return {};
  const parsed: unknown = JSON.parse(text);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new MockGatewayConfigError('the body must be a JSON object');
  return parsed as Record<string, unknown>;
}

/**
 * The `/__mock/…` control routes: each calls the gateway method of the same name, so another
 * process (the demo, a browser test) drives the mock as a test does in process.
 */
export async function mockControl(
  req: IncomingMessage,
  url: URL,
  gateway: MockAliexpressGateway,
): Promise<Outcome> {
  const route = `${req.method} ${url.pathname}`;
  const body = () => readJsonObject(req);
  const pushAnswer = await pushControl(route, body, gateway);
  if (pushAnswer) return json(pushAnswer.body, pushAnswer.status);
  switch (route) {
    case 'GET /__mock/requests':
      return json({ requests: gateway.requests() });
    case 'DELETE /__mock/requests':
      gateway.clearRequests();
      return json({ ok: true });
    case 'GET /__mock/clock':
      return json({ now: gateway.now() });
    case 'POST /__mock/clock': {
      const { advanceMs } = await body();
      if (typeof advanceMs !== 'number')
        throw new MockGatewayConfigError('body needs { "advanceMs": number }');
      gateway.advanceClock(advanceMs);
      return json({ now: gateway.now() });
    }
    case 'POST /__mock/faults':
      gateway.injectFault((await body()) as unknown as MockFault);
      return json({ ok: true }, 201);
    case 'DELETE /__mock/faults':
      gateway.clearFaults();
      return json({ ok: true });
    case 'POST /__mock/qps': {
      const { appKey, limit, method } = await body();
      if (typeof method === 'string' && appKey === undefined) {
        gateway.setMethodQpsLimit(method, limit === null ? undefined : (limit as number));
        return json({ ok: true });
      }
      if (typeof appKey !== 'string')
        throw new MockGatewayConfigError('body needs { "appKey": string, "limit": number | null }');
      gateway.setQpsLimit(appKey, limit === null ? undefined : (limit as number));
      return json({ ok: true });
    }
    case 'GET /__mock/orders':
      return json({ orders: gateway.orders() });
    case 'POST /__mock/auto-pay': {
      const { appKey, outcome } = await body();
      if (typeof appKey !== 'string')
        throw new MockGatewayConfigError(
          'body needs { "appKey": string, "outcome": "ok" | "fail" }',
        );
      gateway.setAutoPay(appKey, outcome as MockAutoPayOutcome);
      return json({ ok: true });
    }
    case 'POST /__mock/order-refusals': {
      const { userId, code } = await body();
      if (typeof userId !== 'string')
        throw new MockGatewayConfigError('body needs { "userId": string, "code": string | null }');
      gateway.refuseOrders(userId, code === null ? undefined : (code as MockOrderRefusal));
      return json({ ok: true });
    }
    case 'POST /__mock/order-status': {
      const { orderId, status, logisticsStatus, endReason } = await body();
      if (typeof orderId !== 'string' || typeof status !== 'string')
        throw new MockGatewayConfigError(
          'body needs { "orderId": string, "status": string, "logisticsStatus"?: string, "endReason"?: string }',
        );
      gateway.setOrderStatus(orderId, status, {
        logisticsStatus: logisticsStatus as string | undefined,
        endReason: endReason as string | undefined,
      });
      return json({ ok: true });
    }
    case 'GET /__mock/stats':
      return json({ tokens: gateway.tokenStats() });
    case 'POST /__mock/reset':
      gateway.reset();
      return json({ ok: true });
    default:
      return json({ error: 'not_found', message: `no mock control ${route}` }, 404);
  }
}
