import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  Length,
  Matches,
} from 'class-validator';
import { COUNTRY, country } from '../common/input-patterns.js';
import { TRACKING_ID } from './affiliate.patterns.js';

/** `promotion_link_type`: 0 a normal link, 2 a hot-product link (the hot commission rate). */
export const PROMOTION_LINK_TYPES = [0, 2] as const;

/** Input of `generateLinks` (`aliexpress.affiliate.link.generate`). */
export class GenerateLinksInput {
  /** AliExpress URLs (product, store, campaign pages) to turn into promotion links, 1–50. */
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, 2048, { each: true })
  @Matches(/^[^,\s]+$/, {
    each: true,
    message: 'sourceValues must be URLs without commas or spaces (they are sent comma-separated)',
  })
  sourceValues!: string[];
  /** 0 (default) a normal link, 2 a hot-product link. */
  @IsOptional()
  @IsIn(PROMOTION_LINK_TYPES, { message: 'promotionLinkType must be 0 or 2' })
  promotionLinkType?: number;
  @IsOptional() @IsString() @Matches(COUNTRY, country('shipToCountry')) shipToCountry?: string;
  /** Overrides the module's `affiliate.trackingId`; one of the two is required. */
  @IsOptional()
  @IsString()
  @Matches(TRACKING_ID, { message: 'trackingId must be 1 to 64 letters, digits, "_", "-" or "."' })
  trackingId?: string;
}
