import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
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
  country,
  currency,
  id,
  required,
} from '../common/input-patterns.js';

/*
 * Messages name the bare property (`country must be …`): the validator (and Nest's
 * ValidationPipe, for apps reusing these classes as DTOs) prefix the path, so a nested field is
 * named once, as `address.country`.
 */

/**
 * The delivery address of an order (`logistics_address`). Only `address`, `city`, `province` and
 * `country` are required by the platform; the rest depends on the destination: `cpf` (with
 * `contactPerson` as the name checked against it) for Brazil, `passportNo` for Mexico,
 * `foreignerPassportNo` for foreigners in Korea, `isForeigner` with `passportNo` and
 * `foreignerPassportNo` for Israel and Argentina, `vatNo` / `taxCompany` / `taxNumber` where a
 * tax id is asked. Take `province` and `city` from `aliexpress.ds.address.get`.
 */
export class OrderAddressInput {
  @IsDefined(required('address', 'send the street address'))
  @IsString()
  @IsNotEmpty()
  @MaxLength(256)
  address!: string;
  @IsOptional() @IsString() @MaxLength(256) address2?: string;
  @IsDefined(required('city', 'send the city, as getAddressTree names it'))
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  city!: string;
  @IsDefined(required('province', 'send the province or state, as getAddressTree names it'))
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  province!: string;
  @IsDefined(required('country', 'send a two-letter country code such as US'))
  @IsString()
  @Matches(COUNTRY, country('country'))
  country!: string;
  /** Optional on the platform; must be valid for the country when given. */
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(32) zip?: string;
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(128) fullName?: string;
  /** The name checked against the CPF in Brazil; in the US each space-separated part has 2-32 characters. */
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(128) contactPerson?: string;
  @IsOptional()
  @IsString()
  @Matches(/^\d{4,20}$/, { message: 'mobileNo must be digits only' })
  mobileNo?: string;
  @IsOptional()
  @IsString()
  @Matches(/^\+?\d{1,4}$/, { message: 'phoneCountry must be a calling code such as +1' })
  phoneCountry?: string;
  /** Locale of the address, e.g. `en_US`. */
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(16) locale?: string;
  /** Brazilian taxpayer id (required for BR). */
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(32) cpf?: string;
  /** Passport number (needed for MX; the tax id for IL and AR). */
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(64) passportNo?: string;
  /** Passport expiry date, as the platform takes it (free text). */
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(32) passportNoDate?: string;
  /** Passport issuing agency. */
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(128) passportOrganization?: string;
  /** Foreign tax number: registration card or passport number for foreigners in Korea. */
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(64) foreignerPassportNo?: string;
  /** Whether the receiver is a foreigner (sent as the string "true"/"false"). */
  @IsOptional() @IsBoolean() isForeigner?: boolean;
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(64) taxNumber?: string;
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(64) vatNo?: string;
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(128) taxCompany?: string;
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(64) locationTreeAddressId?: string;
}

/**
 * One line of an order: a product's SKU, chosen by `skuAttr` as `aliexpress.ds.product.get` gives
 * it (e.g. `14:350853#Black;5:361386`), or `''` for a product with a single SKU.
 */
export class OrderItemInput {
  @IsDefined(
    required('productId', 'send the product id (a numeric string, as getProduct gives it)'),
  )
  @IsString()
  @Matches(ID, id('productId'))
  productId!: string;
  @IsDefined(required('quantity', 'send how many to order, a whole number from 1 to 10000'))
  @IsInt()
  @Min(1)
  @Max(10_000)
  quantity!: number;
  /** `''` for a single-SKU product (sent as `sku_attr: ""`, as the platform asks). */
  @IsDefined(
    required(
      'skuAttr',
      "send the sku_attr of the SKU from getProduct (skus[].skuAttr), or '' for a single-SKU product",
    ),
  )
  @IsString()
  @MaxLength(256)
  skuAttr!: string;
  /** The freight option's `code` from `queryFreight` (`logistics_service_name`). */
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(64) logisticsServiceName?: string;
  @IsOptional() @IsString() @MaxLength(512) orderMemo?: string;
}

/** A promotion applied to the order (`ds_extend_request.promotion`). */
export class OrderPromotionInput {
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(64) promotionCode?: string;
  /** Required by the guide whenever a promotion is sent. */
  @IsString() @IsNotEmpty() @MaxLength(256) promotionChannelInfo!: string;
}

/** Input of `createOrder` (`aliexpress.ds.order.create`). */
export class CreateOrderInput {
  /**
   * Your idempotency key for this order; generated when absent. The platform refuses a second
   * order with the same key for 24 h (`OrderAlreadyPlacedError`).
   */
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,64}$/, { message: 'outOrderId must be 1-64 letters, digits, _ or -' })
  outOrderId?: string;
  @IsDefined(required('address', 'send the delivery address (address, city, province, country)'))
  @IsObject()
  @ValidateNested()
  @Type(() => OrderAddressInput)
  address!: OrderAddressInput;
  @IsDefined(required('items', 'send one entry per product line, { productId, quantity, skuAttr }'))
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => OrderItemInput)
  items!: OrderItemInput[];
  /** Auto-pay currency (`payment.pay_currency`); the platform pays in USD only. */
  @IsOptional() @IsString() @Matches(CURRENCY, currency('payCurrency')) payCurrency?: string;
  /** Pay at once with the account's auto-pay (`payment.try_to_pay`); see `CreatedOrder.payment`. */
  @IsOptional() @IsBoolean() tryToPay?: boolean;
  /** `trade_extra_param.business_model`: `retail` (the platform's default) or `wholesale`. */
  @IsOptional()
  @IsIn(['retail', 'wholesale'], { message: 'businessModel must be retail or wholesale' })
  businessModel?: 'retail' | 'wholesale';
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => OrderPromotionInput)
  promotion?: OrderPromotionInput;
}

/** Input of `getOrder` (`aliexpress.trade.ds.order.get`). */
export class GetOrderInput {
  @IsString() @Matches(ID, id('orderId')) orderId!: string;
}
