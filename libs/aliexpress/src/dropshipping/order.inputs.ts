import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsBoolean,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { COUNTRY, CURRENCY, ID, country, currency, id } from './input.patterns';

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
