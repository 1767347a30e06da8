/** Every dropshipping result type, one import away; each lives beside the API it comes from. */
export type * from './freight.results';
export type * from './money.result';
export type * from './order.results';
export type * from './product.results';
export type * from './tracking.results';
