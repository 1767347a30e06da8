/** One promotion link: the URL it was made from, and the link (or why there is none). */
export interface PromotionLink {
  sourceValue: string;
  /** The link carrying your tracking id; absent when the platform could not make one. */
  promotionLink?: string;
  /** The platform's reason when there is no link. */
  message?: string;
}

/** `generateLinks`: the links, in the platform's order, and the tracking id they carry. */
export interface GeneratedLinks {
  trackingId: string;
  links: PromotionLink[];
}
