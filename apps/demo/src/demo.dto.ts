import { Type } from 'class-transformer';
import { IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { CreateOrderInput } from 'nestjs-aliexpress';

const COUNTRY = { message: 'shipTo must be a two-letter country code such as US' };

/** `GET /products/:productId?account=&shipTo=` */
export class ProductQuery {
  @IsString() @IsNotEmpty({ message: 'account is required' }) account!: string;
  @IsOptional() @Matches(/^[A-Z]{2}$/, COUNTRY) shipTo?: string;
}

/** `GET /freight?account=&productId=&skuId=&shipTo=&quantity=` */
export class FreightQuery {
  @IsString() @IsNotEmpty({ message: 'account is required' }) account!: string;
  @IsString()
  @Matches(/^\d{1,20}$/, { message: 'productId must be a numeric id' })
  productId!: string;
  @IsString() @Matches(/^\d{1,20}$/, { message: 'skuId must be a numeric id' }) skuId!: string;
  @IsOptional() @Matches(/^[A-Z]{2}$/, COUNTRY) shipTo?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) quantity?: number;
}

/** `POST /orders`: the library's own order input, plus the account it is placed for. */
export class OrderBody extends CreateOrderInput {
  @IsString() @IsNotEmpty({ message: 'account is required' }) account!: string;
}
