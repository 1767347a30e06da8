/** One category of `getCategories`. */
export interface Category {
  categoryId: string;
  name: string;
  /** The parent's id; absent for a first-level category. */
  parentCategoryId?: string;
}

/** `getCategories`: the categories answered, with the platform's count. */
export interface CategoryList {
  totalCount: number;
  categories: Category[];
}

/** `getFeedNames`: one feed (promotion pool) whose product ids `getFeedItemIds` lists. */
export interface FeedName {
  name: string;
  description?: string;
  /** How many products the feed holds. */
  productCount?: number;
}

/** `getFeedItemIds`: one page of product ids and the cursor of the next one. */
export interface FeedItemIdsPage {
  /** Product ids, exact strings. */
  productIds: string[];
  /** How many ids are left, when the platform says. */
  total?: number;
  /** Pass it back for the next page; valid 1 minute. */
  searchId?: string;
}
