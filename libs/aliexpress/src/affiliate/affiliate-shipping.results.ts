import type { Money } from '../common/money.js';

/** `getShippingInfo`: what shipping a SKU to a country costs and how long it takes. */
export interface AffiliateShippingInfo {
  shippingFee?: Money;
  shipFromCountry?: string;
  minDeliveryDays?: number;
  maxDeliveryDays?: number;
  /** The platform's estimate, as it words it. */
  deliveryDays?: string;
}

/** The product part of `getSkuDetails`. */
export interface AffiliateSkuItem {
  productId: string;
  title?: string;
  enTitle?: string;
  /** The item link without tracking parameters. */
  originalLink?: string;
  imageLink?: string;
  whiteImageLink?: string;
  additionalImageLinks: string[];
  storeName?: string;
  brand?: string;
  /** Display categories, level 1 first. */
  categories: Array<{ level: number; categoryId?: string; name?: string }>;
  orders?: number;
  reviews?: number;
  score?: string;
  condition?: string;
}

/** One SKU of `getSkuDetails`, prices taxes included, in its currency. */
export interface AffiliateSku {
  skuId: string;
  /** A promotion link to this SKU. */
  link?: string;
  color?: string;
  size?: string;
  /** The SKU's attributes as the platform writes them. */
  properties?: string;
  imageLink?: string;
  priceWithTax?: Money;
  salePriceWithTax?: Money;
  discountRate?: string;
  taxRate?: string;
  shippingFee?: Money;
  shipFromCountry?: string;
  minDeliveryDays?: number;
  maxDeliveryDays?: number;
  deliveryDays?: string;
  eanCode?: string;
}

/** `getSkuDetails`: the product and its SKUs. */
export interface AffiliateSkuDetails {
  item: AffiliateSkuItem;
  skus: AffiliateSku[];
}
