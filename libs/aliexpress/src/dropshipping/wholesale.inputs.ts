import { IsBoolean, IsOptional, IsString, Matches } from 'class-validator';
import { COUNTRY, CURRENCY, ID, country, currency, id } from '../common/input-patterns.js';

/** Input of `getWholesaleProduct` (`aliexpress.ds.product.wholesale.get`). */
export class GetWholesaleProductInput {
  @IsString() @Matches(ID, id('productId')) productId!: string;
  @IsString() @Matches(COUNTRY, country('shipToCountry')) shipToCountry!: string;
  @IsOptional() @IsString() @Matches(CURRENCY, currency('targetCurrency')) targetCurrency?: string;
  /** Language of the texts, `en` or `en_US`. */
  @IsOptional()
  @IsString()
  @Matches(/^[a-z]{2}(_[A-Z]{2})?$/, {
    message: 'targetLanguage must be a language code such as en',
  })
  targetLanguage?: string;
  /** Leave crowd-type (personal) promotions out of the prices. */
  @IsOptional() @IsBoolean() removePersonalBenefit?: boolean;
}
