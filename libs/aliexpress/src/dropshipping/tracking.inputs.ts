import { IsOptional, IsString, Matches } from 'class-validator';
import { ID, LOCALE, id, locale } from '../common/input-patterns.js';

/** Input of `getOrderTracking` (`aliexpress.ds.order.tracking.get`). */
export class GetOrderTrackingInput {
  @IsString() @Matches(ID, id('orderId')) orderId!: string;
  @IsOptional() @IsString() @Matches(LOCALE, locale('language')) language?: string;
}
