import { IsIn, IsOptional, IsString, Matches } from 'class-validator';
import { TRACKING_ID } from '../config/aliexpress-options.schema.js';

/* What every affiliate input shares: target currency and language, tracking id, patterns. */

/** The target currencies the affiliate pages list. */
export const AFFILIATE_CURRENCIES = [
  'USD',
  'GBP',
  'CAD',
  'EUR',
  'UAH',
  'MXN',
  'TRY',
  'RUB',
  'BRL',
  'AUD',
  'INR',
  'JPY',
  'IDR',
  'SEK',
  'KRW',
  'ILS',
  'THB',
  'CLP',
  'VND',
] as const;

/** The target languages the affiliate pages list (upper-case, as the platform takes them). */
export const AFFILIATE_LANGUAGES = [
  'EN',
  'RU',
  'PT',
  'ES',
  'FR',
  'ID',
  'IT',
  'TH',
  'JA',
  'AR',
  'VI',
  'TR',
  'DE',
  'HE',
  'KO',
  'NL',
  'PL',
  'MX',
  'CL',
  'IN',
] as const;

/** A decimal amount in currency units: `12`, `12.5`, `12.50`. */
export const DECIMAL = /^\d{1,9}(\.\d{1,2})?$/;
/** A platform time: `yyyy-MM-dd HH:mm:ss` (no zone, as the order APIs take it). */
export const PLATFORM_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

export { TRACKING_ID };

/** Fields of every affiliate call that shows products: currency, language, tracking id. */
export class AffiliateTargetInput {
  /** Prices in this currency (`target_*` fields); default the platform's (USD). */
  @IsOptional()
  @IsIn(AFFILIATE_CURRENCIES, {
    message: `targetCurrency must be one of ${AFFILIATE_CURRENCIES.join(' ')}`,
  })
  targetCurrency?: string;

  /** Titles in this language. */
  @IsOptional()
  @IsIn(AFFILIATE_LANGUAGES, {
    message: `targetLanguage must be one of ${AFFILIATE_LANGUAGES.join(' ')}`,
  })
  targetLanguage?: string;

  /** Overrides the module's `affiliate.trackingId` for this call. */
  @IsOptional()
  @IsString()
  @Matches(TRACKING_ID, {
    message: 'trackingId must be 1 to 64 letters, digits, "_", "-" or "."',
  })
  trackingId?: string;
}
