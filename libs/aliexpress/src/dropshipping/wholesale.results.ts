import type { Money } from '../common/money.js';
import type { Product, ProductSku, WholesaleTier } from './product.results.js';

/** A SKU of a wholesale product: the retail SKU plus its bulk prices. */
export interface WholesaleSku extends ProductSku {
  /** Price tiers by quantity, ascending (the SKU's `wholesaleTiers`); empty when it has none. */
  tiers: WholesaleTier[];
  /** `offer_bulk_sale_price`: the bulk price, when given. */
  bulkPrice?: Money;
  /** `sku_bulk_order`: the quantity from which the bulk price applies. */
  bulkOrderQuantity?: number;
}

/** `getWholesaleProduct`: the product as `getProduct` reads it, with wholesale SKUs. */
export interface WholesaleProduct extends Omit<Product, 'skus'> {
  /** `has_whole_sale`: the product offers wholesale prices. */
  hasWholesale: boolean;
  skus: WholesaleSku[];
}
