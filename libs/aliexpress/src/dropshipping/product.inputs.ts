import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
} from 'class-validator';
import { COUNTRY, CURRENCY, ID, LOCALE, country, currency, id, locale } from './input.patterns';

/** Input of `getProduct` (`aliexpress.ds.product.get`). */
export class GetProductInput {
  @IsString() @Matches(ID, id('productId')) productId!: string;
  @IsString() @Matches(COUNTRY, country('shipToCountry')) shipToCountry!: string;
  @IsOptional() @IsString() @Matches(CURRENCY, currency('targetCurrency')) targetCurrency?: string;
  @IsOptional()
  @IsString()
  @Matches(/^[a-z]{2}$/, { message: 'targetLanguage must be a language code such as en' })
  targetLanguage?: string;
  @IsOptional() @IsBoolean() removePersonalBenefit?: boolean;
}

/** Input of `searchProducts` (`aliexpress.ds.text.search`). */
export class SearchProductsInput {
  @IsString() @Length(1, 200) keyword!: string;
  @IsString() @Matches(COUNTRY, country('countryCode')) countryCode!: string;
  @IsOptional() @IsString() @Matches(CURRENCY, currency('currency')) currency?: string;
  @IsOptional() @IsString() @Matches(LOCALE, locale('locale')) locale?: string;
  @IsOptional() @IsString() @Matches(ID, id('categoryId')) categoryId?: string;
  @IsOptional()
  @IsIn(['min_price,asc', 'min_price,desc', 'orders,desc', 'comments,desc'])
  sortBy?: string;
  @IsOptional() @IsInt() @Min(1) @Max(50) pageSize?: number;
  @IsOptional() @IsInt() @Min(1) pageIndex?: number;
}
