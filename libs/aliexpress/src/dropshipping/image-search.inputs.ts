import { IsBase64, IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { COUNTRY, CURRENCY, country, currency } from '../common/input-patterns.js';

/** Input of `searchByImage` (`aliexpress.ds.image.searchV2`). */
export class SearchByImageInput {
  /** The image, base64-encoded (no `data:` prefix), at most about 3 MB of image. */
  @IsString()
  @Length(1, 4_000_000)
  @IsBase64(undefined, { message: 'imageBase64 must be base64 text (no data: prefix)' })
  imageBase64!: string;
  /** `same` product or `similar` ones. */
  @IsOptional() @IsIn(['same', 'similar']) searchType?: 'same' | 'similar';
  @IsOptional() @IsString() @Matches(CURRENCY, currency('currency')) currency?: string;
  /** Language of the titles, e.g. `en`. */
  @IsOptional()
  @IsString()
  @Matches(/^[a-z]{2}(_[A-Z]{2})?$/, { message: 'lang must be a language code such as en' })
  lang?: string;
  @IsOptional() @IsIn(['price', 'orders', 'best']) sortType?: 'price' | 'orders' | 'best';
  @IsOptional() @IsIn(['asc', 'desc']) sortOrder?: 'asc' | 'desc';
  @IsOptional() @IsString() @Matches(COUNTRY, country('shipTo')) shipTo?: string;
}
