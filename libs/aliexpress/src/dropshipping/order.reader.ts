import { AliexpressTransportError } from '../errors/aliexpress.errors';
import type { GatewayObject } from '../gateway/gateway-json.parser';
import { idString, numberOf, textOf } from '../gateway/gateway-json.fields';
import { backbone, money, obj, unwrapList, type Json } from './dropshipping.normalizer';
import type { OrderDetails } from './dropshipping.results';

/* Reads `aliexpress.ds.order.create` and `aliexpress.trade.ds.order.get` answers. */

/** `aliexpress.ds.order.create` → the platform order ids. */
export function normalizeCreatedOrderIds(response: GatewayObject): string[] {
  const list = obj(obj(response.result).order_list);
  const numbers = list.number ?? obj(response.result).order_list;
  const values = Array.isArray(numbers) ? numbers : [numbers];
  const ids = values.map((v) => idString(v as Json)).filter((v): v is string => v !== undefined);
  if (!ids.length) {
    throw new AliexpressTransportError({
      kind: 'unexpected-shape',
      apiName: 'aliexpress.ds.order.create',
      message: 'the answer has no order id (result.order_list)',
    });
  }
  return ids;
}

/** `aliexpress.trade.ds.order.get` → {@link OrderDetails}. */
export function normalizeOrder(response: GatewayObject, orderId: string): OrderDetails {
  const result = backbone(response.result, 'aliexpress.trade.ds.order.get', 'result');
  const amount = obj(result.order_amount);
  const store = obj(result.store_info);
  return {
    orderId,
    status: textOf(result.order_status),
    logisticsStatus: textOf(result.logistics_status),
    amount: money(amount.amount, amount.currency_code),
    createdAt: textOf(result.gmt_create),
    items: unwrapList(result.child_order_list).map((c) => ({
      childOrderId: idString(c.child_order_id),
      productId: idString(c.product_id),
      quantity: numberOf(c.product_count),
      skuAttr: textOf(c.sku_attr),
    })),
    logistics: unwrapList(result.logistics_info_list).map((l) => ({
      trackingNumber: textOf(l.logistics_no),
      serviceName: textOf(l.logistics_service),
    })),
    store: Object.keys(store).length
      ? { storeId: idString(store.store_id), name: textOf(store.store_name) }
      : undefined,
  };
}
