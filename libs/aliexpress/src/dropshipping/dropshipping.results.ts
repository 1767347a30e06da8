/** An amount of money: a decimal string (never a float) and its currency. */
export interface Money {
  amount: string;
  currency: string;
}

/** One property of a SKU (colour, size…). */
export interface SkuProperty {
  propertyId: string;
  name?: string;
  valueId?: string;
  value?: string;
  /** The seller's own name for the value, when it has one. */
  definitionName?: string;
}

/** A purchasable variant of a product; orders choose it by `skuAttr`. */
export interface ProductSku {
  skuId: string;
  skuAttr: string;
  price?: Money;
  offerPrice?: Money;
  stock: number;
  available: boolean;
  properties: SkuProperty[];
}

/** `getProduct`: a product, normalised. */
export interface Product {
  productId: string;
  title: string;
  categoryId?: string;
  currency?: string;
  status?: string;
  rating?: string;
  salesCount?: number;
  images: string[];
  skus: ProductSku[];
  store?: { storeId: string; name?: string; countryCode?: string };
  package?: { weightKg?: string; lengthCm?: number; widthCm?: number; heightCm?: number };
  deliveryDays?: number;
}

/** One hit of `searchProducts`. */
export interface ProductSummary {
  productId: string;
  title: string;
  imageUrl?: string;
  salePrice?: Money;
  originalPrice?: Money;
  rating?: string;
  orders?: number;
  categoryId?: string;
}

/** `searchProducts`: one page. */
export interface ProductSearchPage {
  totalCount: number;
  pageIndex: number;
  pageSize: number;
  products: ProductSummary[];
}

/** `queryFreight`: one way to ship. */
export interface FreightOption {
  code: string;
  company?: string;
  fee: Money;
  freeShipping: boolean;
  minDeliveryDays?: number;
  maxDeliveryDays?: number;
  tracking?: boolean;
  shipFromCountry?: string;
}

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
