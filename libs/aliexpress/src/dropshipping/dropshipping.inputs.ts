/** Every dropshipping input, one import away; each lives beside the API it feeds. */
export * from './freight.inputs';
export * from './order.inputs';
export * from './product.inputs';
export * from './tracking.inputs';
export * from './catalog.inputs';
export * from './image-search.inputs';
export * from './address.inputs';
export * from './freight-calculate.inputs';
export * from './wholesale.inputs';
