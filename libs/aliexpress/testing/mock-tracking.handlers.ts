import { exactNumber } from './mock-envelopes';

import { notFound, required, wrapped, type BusinessHandler } from './mock-business.context';
import { ownOrder } from './mock-order.handlers';

/** `aliexpress.ds.order.tracking.get` */
export const trackingGet: BusinessHandler = (ctx) => {
  const orderId = required(ctx, 'ae_order_id');
  required(ctx, 'language');
  const order = ownOrder(ctx, orderId);
  if (!order) return notFound('ORDER_NOT_FOUND', `order ${orderId} not found for this buyer`);
  return {
    result: {
      ret: true,
      data: {
        tracking_detail_line_list: wrapped('tracking_detail', [
          {
            carrier_name: 'AliExpress Standard Shipping',
            mail_no: `LP00${order.orderId.slice(-10)}`,
            eta_time_stamps: exactNumber(order.createdAt + 12 * 86_400_000),
            detail_node_list: wrapped('detail_node', [
              {
                time_stamp: exactNumber(order.createdAt + 3_600_000),
                tracking_name: 'Order received',
                tracking_detail_desc: 'The seller received your order',
              },
              {
                time_stamp: exactNumber(order.createdAt + 86_400_000),
                tracking_name: 'Dispatched',
                tracking_detail_desc: 'Parcel handed to the carrier',
              },
            ]),
          },
        ]),
      },
    },
    rsp_code: 200,
    rsp_msg: 'Call succeeds',
  };
};
