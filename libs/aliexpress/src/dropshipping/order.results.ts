import type { Money } from './money.result';

/** `createOrder`: what was placed. */
export interface CreatedOrder {
  outOrderId: string;
  /** Platform order ids (one per seller). */
  orderIds: string[];
}

/** `getOrder`: an order's state. */
export interface OrderDetails {
  orderId: string;
  status?: string;
  logisticsStatus?: string;
  amount?: Money;
  createdAt?: string;
  items: Array<{ childOrderId?: string; productId?: string; quantity?: number; skuAttr?: string }>;
  logistics: Array<{ trackingNumber?: string; serviceName?: string }>;
  store?: { storeId?: string; name?: string };
}
