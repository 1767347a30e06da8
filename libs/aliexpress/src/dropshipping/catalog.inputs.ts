import { IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { ID, id } from '../common/input-patterns.js';

/** The languages `aliexpress.ds.category.get` documents for category names. */
export const CATEGORY_LANGUAGES = [
  'hi',
  'de',
  'ru',
  'pt',
  'ko',
  'in',
  'en',
  'it',
  'fr',
  'zh',
  'es',
  'iw',
  'ar',
  'vi',
  'th',
  'uk',
  'ja',
  'id',
  'pl',
  'he',
  'nl',
  'tr',
] as const;

/** Input of `getCategories` (`aliexpress.ds.category.get`); without `categoryId`, every category. */
export class GetCategoriesInput {
  /** A category id; a level-3 or level-4 id answers its level-2 parent. */
  @IsOptional() @IsString() @Matches(ID, id('categoryId')) categoryId?: string;
  @IsOptional()
  @IsIn(CATEGORY_LANGUAGES, { message: `language must be one of ${CATEGORY_LANGUAGES.join(' ')}` })
  language?: string;
}

/** Input of `getFeedItemIds` and `feedItemIds` (`aliexpress.ds.feed.itemids.get`). */
export class GetFeedItemIdsInput {
  /** A feed name from `getFeedNames`. */
  @IsString() @Length(1, 200) feedName!: string;
  /** Ids per page, 0–200 (the platform answers 200 for anything else). */
  @IsOptional() @IsInt() @Min(0) @Max(200) pageSize?: number;
  /** A first-level category id, to keep only its products. */
  @IsOptional() @IsString() @Matches(ID, id('categoryId')) categoryId?: string;
  /** The cursor of the previous page (valid 1 minute). */
  @IsOptional() @IsString() @Length(1, 4096) searchId?: string;
}
