/** Every dropshipping input, one import away; each lives beside the API it feeds. */
export * from './freight.inputs';
export * from './order.inputs';
export * from './product.inputs';
export * from './tracking.inputs';
