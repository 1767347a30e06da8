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
 * A problem naming its field once, by its full path: a message that starts with the bare property
 * (`country must be …`) gets the path (`address.country must be …`); one naming the field
 * elsewhere is kept; any other is prefixed with the path.
 */
function named(field: string, message: string): string {
  const property = field.split('.').pop() as string;
  if (message.startsWith(`${property} `)) return `${field}${message.slice(property.length)}`;
  return message.includes(property) ? message : `${field}: ${message}`;
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
      problems: errors.flatMap(([field, messages]) => messages.map((m) => named(field, m))),
    });
  }
  return instance;
}
