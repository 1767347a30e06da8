import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';

const ID = /^\d{1,20}$/;
const COUNTRY = /^[A-Z]{2}$/;
const CURRENCY = /^[A-Z]{3}$/;
const LOCALE = /^[a-z]{2}(_[A-Z]{2})?$/;
const id = (field: string) => ({
  message: `${field} must be a numeric id given as a string (ids can exceed 2^53)`,
});
const country = (field: string) => ({
  message: `${field} must be a two-letter country code such as US`,
});
const currency = (field: string) => ({
  message: `${field} must be a three-letter currency code such as USD`,
});
const locale = (field: string) => ({ message: `${field} must be a locale such as en_US` });

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

/** The delivery address of an order. */
export class OrderAddressInput {
  @IsString() @IsNotEmpty() @MaxLength(128) fullName!: string;
  @IsString() @IsNotEmpty() @MaxLength(256) address!: string;
  @IsOptional() @IsString() @MaxLength(256) address2?: string;
  @IsString() @IsNotEmpty() @MaxLength(128) city!: string;
  @IsString() @IsNotEmpty() @MaxLength(128) province!: string;
  @IsString() @Matches(COUNTRY, country('address.country')) country!: string;
  @IsString() @IsNotEmpty() @MaxLength(32) zip!: string;
  @IsString()
  @Matches(/^\d{4,20}$/, { message: 'address.mobileNo must be digits only' })
  mobileNo!: string;
  @IsString()
  @Matches(/^\+?\d{1,4}$/, { message: 'address.phoneCountry must be a calling code such as +1' })
  phoneCountry!: string;
  @IsOptional() @IsString() @MaxLength(32) cpf?: string;
  @IsOptional() @IsString() @MaxLength(64) taxNumber?: string;
}

/** One line of an order: a product's SKU, chosen by `skuAttr` (e.g. `14:350853#Black;5:361386`). */
export class OrderItemInput {
  @IsString() @Matches(ID, id('items.productId')) productId!: string;
  @IsInt() @Min(1) @Max(10_000) quantity!: number;
  @IsString() @IsNotEmpty() @MaxLength(256) skuAttr!: string;
  @IsOptional() @IsString() @MaxLength(64) logisticsServiceName?: string;
  @IsOptional() @IsString() @MaxLength(512) orderMemo?: string;
}

/** Input of `createOrder` (`aliexpress.ds.order.create`). */
export class CreateOrderInput {
  /** Your idempotency key for this order; generated when absent. */
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,64}$/, { message: 'outOrderId must be 1-64 letters, digits, _ or -' })
  outOrderId?: string;
  @ValidateNested() @Type(() => OrderAddressInput) address!: OrderAddressInput;
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => OrderItemInput)
  items!: OrderItemInput[];
  @IsOptional() @IsString() @Matches(CURRENCY, currency('payCurrency')) payCurrency?: string;
  @IsOptional() @IsBoolean() tryToPay?: boolean;
  @IsOptional() @IsString() @MaxLength(32) businessModel?: string;
}

/** Input of `getOrder` (`aliexpress.trade.ds.order.get`). */
export class GetOrderInput {
  @IsString() @Matches(ID, id('orderId')) orderId!: string;
}

/** Input of `getOrderTracking` (`aliexpress.ds.order.tracking.get`). */
export class GetOrderTrackingInput {
  @IsString() @Matches(ID, id('orderId')) orderId!: string;
  @IsOptional() @IsString() @Matches(LOCALE, locale('language')) language?: string;
}
