import { exactNumber } from './mock-envelopes.js';
import { findMockProduct } from './mock-fixtures.js';
import type { MockOrder } from './mock-gateway.options.js';

import { required, type BusinessHandler } from './mock-business.context.js';
import { ownOrder } from './mock-order.handlers.js';

/** Order statuses at which nothing has been handed to a carrier yet: no tracking data. */
const NOT_SHIPPED = new Set([
  'PAYMENT_PROCESSING',
  'WAIT_SELLER_EXAMINE_MONEY',
  'RISK_CONTROL',
  'RISK_CONTROL_HOLD',
  'IN_CANCEL',
  'WAIT_GROUP',
  'WAIT_COMPLETE_ADDRESS',
]);

const HOUR = 3_600_000;

/**
 * When the order's parcel reaches the carrier, epoch ms; undefined when it has not (yet): its
 * status is before shipping, or a product of the catalogue dispatches later (`dispatchAfterHours`,
 * counted on the mock clock from the order's creation).
 */
function dispatchedAt(order: MockOrder, now: number): number | undefined {
  if (NOT_SHIPPED.has(order.status)) return undefined;
  const delayHours = Math.max(
    0,
    ...order.items.map((i) => findMockProduct(i.productId)?.dispatchAfterHours ?? 0),
  );
  const at = order.createdAt + delayHours * HOUR;
  return now >= at ? at : undefined;
}

/** The documented tracking failure: `result.ret` false, string `code`, message in `msg`. */
const trackingFailure = (code: string, msg: string) => ({ result: { ret: false, msg, code } });

/**
 * `aliexpress.ds.order.tracking.get`, in the documented form: lists wrapped
 * (`tracking_detail_line_list.tracking_detail[]`, `detail_node_list.detail_node[]`,
 * `package_item_list.package_item[]`), epoch-ms numbers, `ret`/`code`/`msg`; an order with no
 * tracking yet answers `ret` false, code "1001", "TRACKING DATA NOT FOUND".
 */
export const trackingGet: BusinessHandler = (ctx) => {
  const orderId = required(ctx, 'ae_order_id');
  required(ctx, 'language');
  const order = ownOrder(ctx, orderId);
  if (!order)
    return trackingFailure('ORDER_NOT_FOUND', `order ${orderId} not found for this buyer`);
  const shipped = dispatchedAt(order, ctx.now);
  if (shipped === undefined) return trackingFailure('1001', 'TRACKING DATA NOT FOUND');
  return {
    result: {
      ret: true,
      msg: '',
      code: '',
      data: {
        tracking_detail_line_list: {
          tracking_detail: [
            {
              detail_node_list: {
                detail_node: [
                  {
                    time_stamp: exactNumber(shipped + HOUR),
                    tracking_detail_desc: 'The seller received your order',
                    tracking_name: 'Order received',
                  },
                  {
                    time_stamp: exactNumber(shipped + 24 * HOUR),
                    tracking_detail_desc: 'Parcel handed to the carrier',
                    tracking_name: 'Dispatched',
                  },
                ],
              },
              package_item_list: {
                package_item: order.items.map((item) => {
                  const product = findMockProduct(item.productId);
                  const sku = product?.skus.find((s) => s.skuAttr === item.skuAttr);
                  return {
                    sku_desc: (sku?.properties ?? []).map((p) => `${p.name}:${p.value}`).join('; '),
                    quantity: item.quantity,
                    item_id: exactNumber(item.productId),
                    item_title: product?.subject ?? '',
                  };
                }),
              },
              carrier_name: 'AliExpress Standard Shipping',
              mail_no: `LP00${order.orderId.slice(-10)}`,
              eta_time_stamps: exactNumber(order.createdAt + 12 * 24 * HOUR),
            },
          ],
        },
      },
    },
  };
};
