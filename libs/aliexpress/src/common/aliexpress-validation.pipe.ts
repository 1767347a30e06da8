import { ValidationPipe, type ArgumentMetadata, type ValidationPipeOptions } from '@nestjs/common';
import { AliexpressValidationError } from '../errors/aliexpress.errors.js';
import { inputShapeError, type InputShapeRules } from './input-shape.js';

/** Options of {@link AliexpressValidationPipe}: Nest's `ValidationPipe` options and the shape rules. */
export interface AliexpressValidationPipeOptions extends ValidationPipeOptions, InputShapeRules {}

/**
 * Nest's `ValidationPipe` for an app's DTOs (which may reuse the library's inputs, as
 * `class OrderBody extends CreateOrderInput`), answering like the library's services: the shape is
 * checked first (nested deeper than `MAX_INPUT_DEPTH`, a cycle, or, with `refuseNestedArrays`, an
 * array inside an array), so a hostile body is an {@link AliexpressValidationError} rather than a
 * stack overflow in the recursive validator; failures of the rules become the same error, each
 * field named once. Unknown properties are refused by default (`whitelist`,
 * `forbidNonWhitelisted`, `forbidUnknownValues`); any option can be overridden.
 */
export class AliexpressValidationPipe extends ValidationPipe {
  private readonly shapeRules: InputShapeRules;

  constructor(options: AliexpressValidationPipeOptions = {}) {
    const { maxDepth, refuseNestedArrays, ...pipeOptions } = options;
    super({
      whitelist: true,
      forbidNonWhitelisted: true,
      forbidUnknownValues: true,
      exceptionFactory: (errors) => AliexpressValidationError.fromValidationErrors(errors),
      ...pipeOptions,
    });
    this.shapeRules = { maxDepth, refuseNestedArrays };
  }

  /** Checks the shape, then validates (and transforms) as `ValidationPipe` does. */
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const shape = inputShapeError(value, this.shapeRules);
    if (shape) throw shape;
    return super.transform(value, metadata);
  }
}
