import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { validateSync } from 'class-validator';
import { AliexpressValidationError } from '../errors/aliexpress.errors.js';
import { inputShapeError } from './input-shape.js';

/**
 * Validates a service input against its class before any network call; throws
 * {@link AliexpressValidationError} naming every field at fault. The shape is checked first (no
 * input nests deeper than `MAX_INPUT_DEPTH`, none holds an array inside an array), so a hostile
 * body is refused with the library's error instead of overflowing the recursive validator.
 * Values are never echoed.
 */
export function validateInput<T extends object>(type: ClassConstructor<T>, input: unknown): T {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw new AliexpressValidationError({
      fields: ['input'],
      problems: ['input must be an object'],
    });
  }
  const shape = inputShapeError(input, { refuseNestedArrays: true });
  if (shape) throw shape;
  const instance = plainToInstance(type, input);
  const errors = validateSync(instance, {
    forbidUnknownValues: true,
    whitelist: true,
    forbidNonWhitelisted: true,
  });
  if (errors.length) throw AliexpressValidationError.fromValidationErrors(errors);
  return instance;
}
