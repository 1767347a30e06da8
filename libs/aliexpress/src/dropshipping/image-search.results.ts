import type { Money } from '../common/money.js';

/** A category level of an image-search hit. */
export interface ImageSearchCategory {
  categoryId: string;
  name?: string;
}

/** One product found by `searchByImage`; prices converted from the platform's minor units. */
export interface ImageSearchHit {
  productId: string;
  title: string;
  imageUrl?: string;
  detailUrl?: string;
  salePrice?: Money;
  originalPrice?: Money;
  /** Percent off, as the platform gives it (`87` means 87 %). */
  discountPercent?: number;
  /** Rating on a 5-point scale, as text (`4.9`). */
  rating?: string;
  /** Sales volume as the platform words it (`700+`). */
  volume?: string;
  shopId?: string;
  /** 0–1. */
  similarity?: number;
  shipFrom?: string;
  category?: ImageSearchCategory;
  subcategory?: ImageSearchCategory;
}

/** `searchByImage`: the hits and, when given, the paging. */
export interface ImageSearchPage {
  totalCount: number;
  products: ImageSearchHit[];
  pagination?: { pageNo?: number; pageSize?: number; pageCount?: number; hasNext?: boolean };
}
