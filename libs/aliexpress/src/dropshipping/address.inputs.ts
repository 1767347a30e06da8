import { IsBoolean, IsOptional, IsString, Matches } from 'class-validator';
import { COUNTRY, LOCALE, country, locale } from '../common/input-patterns.js';

/** Input of `getAddressTree` (`aliexpress.ds.address.get`). */
export class GetAddressTreeInput {
  @IsString() @Matches(COUNTRY, country('countryCode')) countryCode!: string;
  /** Language of the names, e.g. `en` or `en_US`. */
  @IsOptional() @IsString() @Matches(LOCALE, locale('language')) language?: string;
  /** Ask for names in several languages. */
  @IsOptional() @IsBoolean() isMultiLanguage?: boolean;
}
