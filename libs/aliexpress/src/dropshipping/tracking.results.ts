/** `getOrderTracking`: the parcels of an order and their events. */
export interface OrderTracking {
  orderId: string;
  parcels: Array<{
    carrier?: string;
    trackingNumber?: string;
    /** Estimated arrival, epoch ms. */
    etaAt?: number;
    events: Array<{ at?: number; name?: string; description?: string }>;
  }>;
}
