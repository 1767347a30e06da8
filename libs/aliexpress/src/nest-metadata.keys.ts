/**
 * The reflect-metadata keys Nest's `@Controller()` writes, as `@nestjs/common/constants` defines
 * them (the same in NestJS 10, 11 and 12). Kept here because that file is a deep import: NestJS 12
 * reaches it through an `exports` pattern that some loaders (ts-node's resolver among them)
 * misread, NestJS 10 and 11 only by its path. A spec checks they still equal Nest's.
 */
export const PATH_METADATA = 'path';
/** The key of a controller's `host` constraint. */
export const HOST_METADATA = 'host';
/** The key of a controller's `version` constraint. */
export const VERSION_METADATA = '__version__';
