import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import { AliexpressValidationError } from '../errors/aliexpress.errors';

function flatten(errors: ValidationError[], prefix = ''): Array<[string, string[]]> {
  return errors.flatMap((error) => {
    const path = prefix ? `${prefix}.${error.property}` : error.property;
    const own: Array<[string, string[]]> = error.constraints
      ? [[path, Object.values(error.constraints)]]
      : [];
    return [...own, ...flatten(error.children ?? [], path)];
  });
}

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
  const errors = flatten(
    validateSync(instance, {
      forbidUnknownValues: true,
      whitelist: true,
      forbidNonWhitelisted: true,
    }),
  );
  if (errors.length) {
    throw new AliexpressValidationError({
      fields: errors.map(([field]) => field),
      problems: errors.flatMap(([field, messages]) =>
        messages.map((m) => (m.includes(field.split('.').pop() as string) ? m : `${field}: ${m}`)),
      ),
    });
  }
  return instance;
}
