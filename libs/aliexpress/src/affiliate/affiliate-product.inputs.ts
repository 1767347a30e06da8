import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
} from 'class-validator';
import { COUNTRY, ID, country, id } from '../common/input-patterns.js';
import { AffiliateTargetInput, DECIMAL } from './affiliate.patterns.js';

/** How `queryProducts` / `queryHotProducts` can sort. */
export const AFFILIATE_PRODUCT_SORTS = [
  'SALE_PRICE_ASC',
  'SALE_PRICE_DESC',
  'LAST_VOLUME_ASC',
  'LAST_VOLUME_DESC',
] as const;
/** Which products: all, marketplace (PLAZA) or Tmall. */
export const AFFILIATE_PLATFORM_TYPES = ['ALL', 'PLAZA', 'TMALL'] as const;
/** Delivery promises `delivery_days` filters on. */
export const AFFILIATE_DELIVERY_DAYS = ['3', '5', '7', '10'] as const;

const decimal = (field: string) => ({
  message: `${field} must be a decimal amount in currency units such as 12.50`,
});

/**
 * Input of `queryProducts` (`aliexpress.affiliate.product.query`) and `queryHotProducts`
 * (`aliexpress.affiliate.hotproduct.query`): a keyword and/or categories, filters, one page.
 */
export class QueryProductsInput extends AffiliateTargetInput {
  @IsOptional() @IsString() @Length(1, 200) keywords?: string;
  /** Category ids (from `getCategories`), sent comma-separated. */
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @Matches(ID, { each: true, ...id('categoryIds') })
  categoryIds?: string[];
  /** Lowest price, in currency units (the platform takes hundredths; the library converts). */
  @IsOptional() @IsString() @Matches(DECIMAL, decimal('minSalePrice')) minSalePrice?: string;
  /** Highest price, in currency units. */
  @IsOptional() @IsString() @Matches(DECIMAL, decimal('maxSalePrice')) maxSalePrice?: string;
  /** Page number, from 1. */
  @IsOptional() @IsInt() @Min(1) @Max(10_000) pageNo?: number;
  /** Products per page, 1–50. */
  @IsOptional() @IsInt() @Min(1) @Max(50) pageSize?: number;
  @IsOptional()
  @IsIn(AFFILIATE_PRODUCT_SORTS, {
    message: `sort must be one of ${AFFILIATE_PRODUCT_SORTS.join(' ')}`,
  })
  sort?: string;
  @IsOptional()
  @IsIn(AFFILIATE_PLATFORM_TYPES, {
    message: `platformProductType must be one of ${AFFILIATE_PLATFORM_TYPES.join(' ')}`,
  })
  platformProductType?: string;
  /** Only products that ship to this country, priced for it. */
  @IsOptional() @IsString() @Matches(COUNTRY, country('shipToCountry')) shipToCountry?: string;
  /** Only products delivered within this many days. */
  @IsOptional()
  @IsIn(AFFILIATE_DELIVERY_DAYS, { message: 'deliveryDays must be one of 3 5 7 10' })
  deliveryDays?: string;
  /** Only products of this featured promotion (`getFeaturedPromos`). */
  @IsOptional() @IsString() @Length(1, 200) promotionName?: string;
}

/** Input of `getProductDetails` (`aliexpress.affiliate.productdetail.get`). */
export class GetProductDetailsInput extends AffiliateTargetInput {
  /** Product ids (exact strings), 1–50. */
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @Matches(ID, { each: true, ...id('productIds') })
  productIds!: string[];
  /** Prices and availability for this country. */
  @IsOptional() @IsString() @Matches(COUNTRY, country('country')) country?: string;
}

/** Input of `smartMatchProducts` (`aliexpress.affiliate.product.smartmatch`). */
export class SmartMatchProductsInput extends AffiliateTargetInput {
  /** The shopper's device id (required by the platform). */
  @IsString() @Length(1, 128) deviceId!: string;
  /** Products like this one. */
  @IsOptional() @IsString() @Matches(ID, id('productId')) productId?: string;
  @IsOptional() @IsString() @Length(1, 200) keywords?: string;
  @IsOptional() @IsInt() @Min(1) @Max(10_000) pageNo?: number;
  @IsOptional() @IsString() @Matches(COUNTRY, country('country')) country?: string;
  /** The traffic source: `site`, `app`, `device` and `user` as the platform takes them. */
  @IsOptional() @IsString() @Length(1, 200) site?: string;
  @IsOptional() @IsString() @Length(1, 200) app?: string;
  @IsOptional() @IsString() @Length(1, 200) device?: string;
  @IsOptional() @IsString() @Length(1, 200) user?: string;
}

/** Input of `getFeaturedPromoProducts` (`aliexpress.affiliate.featuredpromo.products.get`). */
export class GetFeaturedPromoProductsInput extends AffiliateTargetInput {
  /** A promotion name from `getFeaturedPromos`. */
  @IsOptional() @IsString() @Length(1, 200) promotionName?: string;
  @IsOptional() @IsString() @Matches(ID, id('categoryId')) categoryId?: string;
  @IsOptional() @IsInt() @Min(1) @Max(10_000) pageNo?: number;
  @IsOptional() @IsInt() @Min(1) @Max(50) pageSize?: number;
  @IsOptional()
  @IsIn(AFFILIATE_PRODUCT_SORTS, {
    message: `sort must be one of ${AFFILIATE_PRODUCT_SORTS.join(' ')}`,
  })
  sort?: string;
  /** Promotion window, `yyyy-MM-dd HH:mm:ss` as the platform takes it. */
  @IsOptional() @IsString() @Length(1, 32) promotionStartTime?: string;
  @IsOptional() @IsString() @Length(1, 32) promotionEndTime?: string;
  @IsOptional() @IsString() @Matches(COUNTRY, country('country')) country?: string;
}
