import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
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

/** Input of `queryFreight` (`aliexpress.ds.freight.query`). */
export class QueryFreightInput {
  @IsString() @Matches(ID, id('productId')) productId!: string;
  @IsString() @Matches(ID, id('skuId')) skuId!: string;
  @IsInt() @Min(1) @Max(10_000) quantity!: number;
  @IsString() @Matches(COUNTRY, country('shipToCountry')) shipToCountry!: string;
  @IsOptional() @IsString() @Matches(CURRENCY, currency('currency')) currency?: string;
  @IsOptional() @IsString() @Matches(LOCALE, locale('locale')) locale?: string;
  @IsOptional() @IsString() @MaxLength(32) provinceCode?: string;
  @IsOptional() @IsString() @MaxLength(32) cityCode?: string;
}
