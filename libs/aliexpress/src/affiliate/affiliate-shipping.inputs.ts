import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  Matches,
} from 'class-validator';
import { COUNTRY, ID, country, id } from '../common/input-patterns.js';
import { AFFILIATE_CURRENCIES, AFFILIATE_LANGUAGES, DECIMAL } from './affiliate.patterns.js';

const currencyRule = {
  message: `targetCurrency must be one of ${AFFILIATE_CURRENCIES.join(' ')}`,
};
const languageRule = {
  message: `targetLanguage must be one of ${AFFILIATE_LANGUAGES.join(' ')}`,
};

/** Input of `getShippingInfo` (`aliexpress.affiliate.product.shipping.get`); every field is required. */
export class GetShippingInfoInput {
  @IsString() @Matches(ID, id('productId')) productId!: string;
  @IsString() @Matches(ID, id('skuId')) skuId!: string;
  @IsString() @Matches(COUNTRY, country('shipToCountry')) shipToCountry!: string;
  @IsIn(AFFILIATE_CURRENCIES, currencyRule) targetCurrency!: string;
  @IsIn(AFFILIATE_LANGUAGES, languageRule) targetLanguage!: string;
  /** The SKU's sale price in `targetCurrency` (a product's `targetSalePrice.amount`). */
  @IsString()
  @Matches(DECIMAL, { message: 'targetSalePrice must be a decimal amount such as 12.50' })
  targetSalePrice!: string;
  /** The product's `taxRate`, e.g. "0.1" (`0` when none). */
  @IsString()
  @Matches(/^\d{1,3}(\.\d{1,4})?$/, { message: 'taxRate must be a decimal rate such as 0.1' })
  taxRate!: string;
}

/** Input of `getSkuDetails` (`aliexpress.affiliate.product.sku.detail.get`). */
export class GetSkuDetailsInput {
  @IsString() @Matches(ID, id('productId')) productId!: string;
  @IsString() @Matches(COUNTRY, country('shipToCountry')) shipToCountry!: string;
  @IsIn(AFFILIATE_CURRENCIES, currencyRule) targetCurrency!: string;
  @IsIn(AFFILIATE_LANGUAGES, languageRule) targetLanguage!: string;
  /** Also the delivery fee and days of each SKU (slower). */
  @IsOptional() @IsBoolean() withDelivery?: boolean;
  /** Only these SKUs (at most 20); default every SKU (the platform stops at 20). */
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @Matches(ID, { each: true, ...id('skuIds') })
  skuIds?: string[];
}
