import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, IsUrl, Length, Max, Min } from 'class-validator';

/** `GET /affiliate/products?keywords=&page=` */
export class FindProductsQuery {
  @IsOptional() @IsString() @Length(1, 200) keywords?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) page?: number;
}

/** `POST /affiliate/links` */
export class PromotionLinkBody {
  /** The AliExpress page to promote. */
  @IsUrl(
    { require_protocol: true, protocols: ['http', 'https'] },
    { message: 'url must be a web address' },
  )
  url!: string;
}
