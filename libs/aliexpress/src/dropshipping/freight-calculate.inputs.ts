import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { COUNTRY, CURRENCY, ID, country, currency, id } from '../common/input-patterns.js';

/** Input of `calculateFreight` (`aliexpress.logistics.buyer.freight.calculate`). */
export class CalculateFreightInput {
  /** Destination country. */
  @IsString() @Matches(COUNTRY, country('countryCode')) countryCode!: string;
  @IsString() @Matches(ID, id('productId')) productId!: string;
  /** Quantity. */
  @IsInt() @Min(1) @Max(10_000) productNum!: number;
  /** Where the goods ship from (`CN`, `US`…). */
  @IsString()
  @Matches(COUNTRY, country('sendGoodsCountryCode'))
  sendGoodsCountryCode!: string;
  @IsOptional() @IsString() @Matches(ID, id('skuId')) skuId?: string;
  @IsOptional() @IsString() @MaxLength(64) provinceCode?: string;
  @IsOptional() @IsString() @MaxLength(64) cityCode?: string;
  /** The item price, a decimal string such as `12.99`. */
  @IsOptional()
  @IsString()
  @Matches(/^\d{1,9}(\.\d{1,4})?$/, { message: 'price must be a decimal string such as 12.99' })
  price?: string;
  @IsOptional() @IsString() @Matches(CURRENCY, currency('priceCurrency')) priceCurrency?: string;
}
