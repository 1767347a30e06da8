import type { Money } from '../common/money.js';

/** One property of a SKU (colour, size…). */
export interface SkuProperty {
  propertyId: string;
  name?: string;
  valueId?: string;
  value?: string;
  /** The seller's own name for the value, when it has one. */
  definitionName?: string;
  /** The picture of this value (`sku_image`), when the seller gave one. */
  image?: string;
}

/** A wholesale price tier of a SKU (`wholesale_price_tiers`): from `minQuantity` units on. */
export interface WholesaleTier {
  minQuantity: number;
  price?: Money;
  /** The discount rate as the platform writes it, e.g. "0.52". */
  discount?: string;
}

/**
 * A promotion's quantity limit on a SKU (`buy_amount_limit_set_by_promotion`) and what happens past
 * it (`limit_strategy`): `create_order_fail` refuses the order, `back_to_normal_price` charges the
 * normal price.
 */
export interface PromotionLimit {
  maxQuantity?: number;
  strategy?: string;
}

/** A purchasable variant of a product; orders choose it by `skuAttr` (`''` for a single-SKU product). */
export interface ProductSku {
  skuId: string;
  skuAttr: string;
  price?: Money;
  offerPrice?: Money;
  stock: number;
  available: boolean;
  properties: SkuProperty[];
  /** The price includes tax (`price_include_tax`). */
  priceIncludesTax?: boolean;
  /** Minimum units per order of this SKU (`sku_bulk_order`). */
  minQuantity?: number;
  /** A promotion's quantity limit, when one applies. */
  promotionLimit?: PromotionLimit;
  /** Wholesale price tiers, when the product has wholesale prices. */
  wholesaleTiers?: WholesaleTier[];
  /**
   * Import charges the platform estimates on top of the price (US imports); absent means the
   * price already includes them.
   */
  estimatedImportCharges?: Money;
  /** `tax_amount` exactly as sent, with `tax_currency_code`; the pages do not state its unit. */
  tax?: { amount: string; currency?: string };
}

/** An attribute of a product (`ae_item_properties`): brand, material… */
export interface ProductAttribute {
  nameId?: string;
  name?: string;
  valueId?: string;
  value?: string;
  unit?: string;
  /** For a range attribute: its start and end. */
  rangeStart?: string;
  rangeEnd?: string;
}

/** A video of a product (`ae_video_dtos`). */
export interface ProductVideo {
  mediaId?: string;
  url?: string;
  posterUrl?: string;
  /** E.g. `MAIN_IMAGE_VIDEO`. */
  type?: string;
  /** E.g. `approved`. */
  status?: string;
}

/** `getProduct`: a product, normalised. */
export interface Product {
  productId: string;
  /** The subject, in `targetLanguage` when one was asked for. */
  title: string;
  categoryId?: string;
  currency?: string;
  status?: string;
  rating?: string;
  /** Sales volume; "1000+" reads as 1000. */
  salesCount?: number;
  /** Number of reviews. */
  evaluationCount?: number;
  images: string[];
  videos: ProductVideo[];
  skus: ProductSku[];
  attributes: ProductAttribute[];
  store?: { storeId: string; name?: string; countryCode?: string };
  package?: {
    weightKg?: string;
    lengthCm?: number;
    widthCm?: number;
    heightCm?: number;
    /** The seller's package type (`package_type`). */
    packageType?: boolean;
    /** Units per package when sold by lot (`base_unit`). */
    baseUnit?: number;
    /** The platform's unit of sale id (`product_unit`). */
    productUnit?: string;
  };
  /** Lead time in days (`logistics_info_dto.delivery_time`). */
  deliveryDays?: number;
  /** The country the answer was priced and checked for. */
  shipToCountry?: string;
  /** The product has wholesale prices (see each SKU's `wholesaleTiers`). */
  hasWholesale?: boolean;
  /**
   * The product id per market (`product_id_converter_result`): `main` is the global id, `markets`
   * the per-country ids. For the US market the platform requires the `US` id (privacy compliance).
   */
  marketIds?: { main?: string; markets: Record<string, string> };
  /** The description as HTML (`detail`), and its mobile variant. */
  detailHtml?: string;
  mobileDetailHtml?: string;
}

/** One hit of `searchProducts`. */
export interface ProductSummary {
  productId: string;
  title: string;
  imageUrl?: string;
  /** The product page on AliExpress. */
  url?: string;
  videoUrl?: string;
  salePrice?: Money;
  originalPrice?: Money;
  /** The discount as the platform writes it, e.g. "48%". */
  discount?: string;
  /** The score (e.g. "4.8"), else the positive rate. */
  rating?: string;
  /** The share of positive reviews, e.g. "97.8%". */
  evaluateRate?: string;
  orders?: number;
  categoryId?: string;
  /** `search` or `recommend`, when the platform says. */
  type?: string;
}

/** `searchProducts`: one page. */
export interface ProductSearchPage {
  totalCount: number;
  pageIndex: number;
  pageSize: number;
  products: ProductSummary[];
}
