/** One item of a tracked parcel (`package_item`). */
export interface TrackedItem {
  /** Product id, exact (ids can exceed 2^53). */
  productId?: string;
  skuId?: string;
  title?: string;
  /** The SKU as text, e.g. "Color:Silvery; Size:M". */
  skuText?: string;
  quantity?: number;
}

/** One parcel of an order and its tracking events. */
export interface TrackedParcel {
  carrier?: string;
  /** The carrier's tracking number, exact as sent (it can run to 34 digits). */
  trackingNumber?: string;
  /** Estimated arrival, epoch ms. */
  etaAt?: number;
  /** Events, as the platform lists them; `at` is epoch ms. */
  events: Array<{ at?: number; name?: string; description?: string }>;
  /** What the parcel holds. */
  items: TrackedItem[];
}

/**
 * `getOrderTracking`: the parcels of an order and their events. `found` is false while the
 * platform has no tracking data for the order yet (`ret` false, code 1001 "TRACKING DATA NOT
 * FOUND", e.g. not shipped): a normal state to poll again later, not an error. Every other
 * `ret: false` raises `AliexpressBusinessError`.
 */
export interface OrderTracking {
  orderId: string;
  /** False while the platform has no tracking data for the order yet; `parcels` is then empty. */
  found: boolean;
  parcels: TrackedParcel[];
}
