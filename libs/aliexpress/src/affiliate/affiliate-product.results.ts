import type { Money } from '../common/money.js';

/** A promo code a product comes with (`promo_code_info`). */
export interface AffiliatePromoCode {
  code: string;
  campaignType?: string;
  /** The discount as the platform words it, e.g. "US $2.00". */
  value?: string;
  availableFrom?: string;
  availableUntil?: string;
  minimumSpend?: string;
  quantity?: string;
  promotionUrl?: string;
}

/** A level of the category tree a product sits in. */
export interface AffiliateCategoryRef {
  categoryId: string;
  name?: string;
}

/**
 * A product as the affiliate APIs show it: ids as exact strings, prices as decimal strings with
 * their currency, rates as the platform writes them ("7.0%").
 */
export interface AffiliateProduct {
  productId: string;
  /** The default SKU. */
  skuId?: string;
  title: string;
  detailUrl?: string;
  /** A link carrying your tracking id, when a tracking id was sent. */
  promotionLink?: string;
  mainImageUrl?: string;
  imageUrls: string[];
  videoUrl?: string;
  shopId?: string;
  shopName?: string;
  shopUrl?: string;
  firstLevelCategory?: AffiliateCategoryRef;
  secondLevelCategory?: AffiliateCategoryRef;
  /** Prices in the product's currency. */
  salePrice?: Money;
  originalPrice?: Money;
  appSalePrice?: Money;
  /** Prices in the requested `targetCurrency`. */
  targetSalePrice?: Money;
  targetOriginalPrice?: Money;
  targetAppSalePrice?: Money;
  /** e.g. "15%". */
  discount?: string;
  /** Your commission, e.g. "7.0%". */
  commissionRate?: string;
  hotProductCommissionRate?: string;
  relevantMarketCommissionRate?: string;
  /** Positive feedback, e.g. "97.8%". */
  evaluateRate?: string;
  /** Recent sales volume. */
  volume?: number;
  /** Tax rate; `getShippingInfo` needs it. */
  taxRate?: string;
  /** Delivery promise, e.g. "7". */
  shipToDays?: string;
  platformProductType?: string;
  eanCode?: string;
  promoCode?: AffiliatePromoCode;
}

/** One page of products, with the platform's counts. */
export interface AffiliateProductPage {
  pageNo: number;
  /** Products on this page. */
  recordCount: number;
  /** Pages and products in all, when the API says (not smartmatch). */
  totalPages?: number;
  totalRecords?: number;
  products: AffiliateProduct[];
}

/** A page of a featured promotion's products; `finished` says the promotion is over. */
export interface FeaturedPromoProductPage extends AffiliateProductPage {
  finished?: boolean;
}
