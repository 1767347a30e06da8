import type { Money } from './money.result';

/** One property of a SKU (colour, size…). */
export interface SkuProperty {
  propertyId: string;
  name?: string;
  valueId?: string;
  value?: string;
  /** The seller's own name for the value, when it has one. */
  definitionName?: string;
}

/** A purchasable variant of a product; orders choose it by `skuAttr`. */
export interface ProductSku {
  skuId: string;
  skuAttr: string;
  price?: Money;
  offerPrice?: Money;
  stock: number;
  available: boolean;
  properties: SkuProperty[];
}

/** `getProduct`: a product, normalised. */
export interface Product {
  productId: string;
  title: string;
  categoryId?: string;
  currency?: string;
  status?: string;
  rating?: string;
  salesCount?: number;
  images: string[];
  skus: ProductSku[];
  store?: { storeId: string; name?: string; countryCode?: string };
  package?: { weightKg?: string; lengthCm?: number; widthCm?: number; heightCm?: number };
  deliveryDays?: number;
}

/** One hit of `searchProducts`. */
export interface ProductSummary {
  productId: string;
  title: string;
  imageUrl?: string;
  salePrice?: Money;
  originalPrice?: Money;
  rating?: string;
  orders?: number;
  categoryId?: string;
}

/** `searchProducts`: one page. */
export interface ProductSearchPage {
  totalCount: number;
  pageIndex: number;
  pageSize: number;
  products: ProductSummary[];
}
