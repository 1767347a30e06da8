/** One affiliate category. */
export interface AffiliateCategory {
  categoryId: string;
  name: string;
  /** Absent for a first-level category. */
  parentCategoryId?: string;
}

/** `getCategories`: every category, with the platform's count. */
export interface AffiliateCategoryList {
  totalCount: number;
  categories: AffiliateCategory[];
}

/** `getFeaturedPromos`: one featured promotion whose products `getFeaturedPromoProducts` lists. */
export interface FeaturedPromo {
  name: string;
  description?: string;
  productCount?: number;
}
