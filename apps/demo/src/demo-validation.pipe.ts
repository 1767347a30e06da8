import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { AliexpressValidationError } from 'nestjs-aliexpress';

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
 * One problem naming its field once by its full path: `country must be …` under `address`
 * becomes `address.country must be …`; a message already naming the field is kept as is.
 */
function named(field: string, message: string): string {
  const property = field.split('.').pop() as string;
  if (message.startsWith(`${property} `)) return `${field}${message.slice(property.length)}`;
  return message.includes(property) ? message : `${field}: ${message}`;
}

/**
 * The demo's validation pipe: Nest's `ValidationPipe` (whitelist, transform), whose failures
 * become the library's {@link AliexpressValidationError}, so the demo's own DTOs and the
 * library's inputs answer the same `invalid_input` error, each field named once.
 */
export function demoValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    transform: true,
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    exceptionFactory: (errors) => {
      const flat = flatten(errors);
      return new AliexpressValidationError({
        fields: flat.map(([field]) => field),
        problems: flat.flatMap(([field, messages]) => messages.map((m) => named(field, m))),
      });
    },
  });
}
