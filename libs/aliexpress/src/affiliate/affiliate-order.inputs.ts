import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
} from 'class-validator';
import { ID, id } from '../common/input-patterns.js';
import { PLATFORM_TIME } from './affiliate.patterns.js';

const time = (field: string) => ({
  message: `${field} must be a platform time "yyyy-MM-dd HH:mm:ss"`,
});

/** What both order listings filter on: a time window and a status. */
class OrderWindowInput {
  /** Start of the window, `yyyy-MM-dd HH:mm:ss`. */
  @IsString() @Matches(PLATFORM_TIME, time('startTime')) startTime!: string;
  /** End of the window, `yyyy-MM-dd HH:mm:ss`. */
  @IsString() @Matches(PLATFORM_TIME, time('endTime')) endTime!: string;
  /** The orders' status as the platform names it, e.g. "Payment Completed", "Buyer Confirmed Receipt". */
  @IsString() @Length(1, 64) status!: string;
  /** Which time the window applies to, e.g. "Payment Completed Time"; the platform's default otherwise. */
  @IsOptional() @IsString() @Length(1, 64) timeType?: string;
  /** Orders per page, 1–50. */
  @IsOptional() @IsInt() @Min(1) @Max(50) pageSize?: number;
}

/** Input of `listOrders` (`aliexpress.affiliate.order.list`): one page of a window's orders. */
export class ListOrdersInput extends OrderWindowInput {
  @IsOptional() @IsInt() @Min(1) @Max(10_000) pageNo?: number;
  /** The site the orders were placed on, e.g. "global". */
  @IsOptional() @IsString() @Length(1, 32) localeSite?: string;
}

/**
 * Input of `listOrdersByIndex` (`aliexpress.affiliate.order.listbyindex`): a page of a window's
 * orders after a cursor (`nextIndexId` of the previous page).
 */
export class ListOrdersByIndexInput extends OrderWindowInput {
  @IsOptional() @IsString() @Length(1, 128) startQueryIndexId?: string;
}

/** Input of `getOrders` (`aliexpress.affiliate.order.get`). */
export class GetOrdersInput {
  /** Order ids (exact strings), 1–50. */
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @Matches(ID, { each: true, ...id('orderIds') })
  orderIds!: string[];
}
