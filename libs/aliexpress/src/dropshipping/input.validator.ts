import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { validateSync } from 'class-validator';
import { AliexpressValidationError } from '../errors/aliexpress.errors';

/**
 * Validates a service input against its class before any network call; throws
 * {@link AliexpressValidationError} naming every field at fault. Values are never echoed.
 */
export function validateInput<T extends object>(type: ClassConstructor<T>, input: unknown): T {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw new AliexpressValidationError({
      fields: ['input'],
      problems: ['input must be an object'],
    });
  }
  const instance = plainToInstance(type, input);
  const errors = validateSync(instance, {
    forbidUnknownValues: true,
    whitelist: true,
    forbidNonWhitelisted: true,
  });
  if (errors.length) throw AliexpressValidationError.fromValidationErrors(errors);
  return instance;
}
