/** Every dropshipping result type, one import away; each lives beside the API it comes from. */
export type * from './freight.results';
export type * from './money.result';
export type * from './order.results';
export type * from './product.results';
export type * from './tracking.results';
export type * from './catalog.results';
export type * from './image-search.results';
export type * from './address.results';
export type * from './freight-calculate.results';
export type * from './wholesale.results';
export type * from './benefit.results';
