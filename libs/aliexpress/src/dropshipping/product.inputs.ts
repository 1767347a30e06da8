import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  COUNTRY,
  CURRENCY,
  ID,
  LOCALE,
  country,
  currency,
  id,
  locale,
} from '../common/input-patterns.js';

/** Input of `getProduct` (`aliexpress.ds.product.get`). */
export class GetProductInput {
  @IsString() @Matches(ID, id('productId')) productId!: string;
  @IsString() @Matches(COUNTRY, country('shipToCountry')) shipToCountry!: string;
  @IsOptional() @IsString() @Matches(CURRENCY, currency('targetCurrency')) targetCurrency?: string;
  /** `en` or a locale such as `en_US` (the guide lists locales, the demo sends `en`). */
  @IsOptional()
  @IsString()
  @Matches(LOCALE, { message: 'targetLanguage must be a language such as en or en_US' })
  targetLanguage?: string;
  @IsOptional() @IsBoolean() removePersonalBenefit?: boolean;
}

/** The orders `searchProducts` can sort by, as the platform names them. */
export const SEARCH_SORTS = [
  'min_price,asc',
  'min_price,desc',
  'orders,asc',
  'orders,desc',
  'comments,asc',
  'comments,desc',
] as const;

/**
 * One `searchExtend` filter of `searchProducts`: `searchKey` is one of the documented keys
 * (`free_ship_to`, `item_tag`, `seller_level`, `ship_from`, `seller_online`, `hot_area`), with a
 * `searchValue` or a `min`/`max` range.
 */
export class SearchExtendInput {
  @IsString()
  @Matches(/^[a-z_]{1,40}$/, { message: 'searchKey must be a key such as ship_from' })
  searchKey!: string;
  @IsOptional() @IsString() @MaxLength(64) searchValue?: string;
  @IsOptional() @IsNumber() min?: number;
  @IsOptional() @IsNumber() max?: number;
}

/** Input of `searchProducts` (`aliexpress.ds.text.search`). */
export class SearchProductsInput {
  @IsString() @Length(1, 200) keyword!: string;
  @IsString() @Matches(COUNTRY, country('countryCode')) countryCode!: string;
  @IsOptional() @IsString() @Matches(CURRENCY, currency('currency')) currency?: string;
  @IsOptional() @IsString() @Matches(LOCALE, locale('locale')) locale?: string;
  @IsOptional() @IsString() @Matches(ID, id('categoryId')) categoryId?: string;
  /** One of {@link SEARCH_SORTS}. */
  @IsOptional() @IsIn(SEARCH_SORTS) sortBy?: string;
  @IsOptional() @IsInt() @Min(1) @Max(50) pageSize?: number;
  @IsOptional() @IsInt() @Min(1) pageIndex?: number;
  /** Filters (`searchExtend`): ship-from, free shipping to, seller level… */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => SearchExtendInput)
  searchExtend?: SearchExtendInput[];
}
