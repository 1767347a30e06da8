import { AliexpressError } from './aliexpress.error.js';

/** What {@link AliexpressArgumentError} is built from. */
export interface AliexpressArgumentErrorParams {
  /** The argument or field at fault. */
  argument: string;
  /** What is wrong, phrased to follow the argument's name. */
  problem: string;
}

/** A method was called with an argument it cannot use; names the argument and what is wrong. */
export class AliexpressArgumentError extends AliexpressError {
  /** The argument or field at fault. */
  readonly argument: string;

  constructor(params: AliexpressArgumentErrorParams) {
    super({ message: `${params.argument} ${params.problem}` });
    this.argument = params.argument;
  }
}

/** What {@link AliexpressValidationError} is built from. */
export interface AliexpressValidationErrorParams {
  /** Every field at fault, e.g. `address.city`. */
  fields: string[];
  /** What is wrong with them, one entry per failed rule. */
  problems: string[];
}

/** A class-validator `ValidationError`, as much of it as is read here (no dependency on its types). */
export interface FieldValidationFailure {
  property: string;
  constraints?: Record<string, string>;
  children?: FieldValidationFailure[];
}

/** Constraints that say nothing about a value of the wrong type (`42` is not "too long"). */
const LENGTH_RULES = ['maxLength', 'minLength'];

/**
 * The messages worth reading among a field's failed constraints: a missing field only says it is
 * required (its `isDefined` message says what to send), and a value that is not a string is not
 * also told about its length.
 */
function readable(constraints: Record<string, string>): string[] {
  if (constraints.isDefined !== undefined) return [constraints.isDefined];
  const rules = Object.entries(constraints);
  const kept =
    constraints.isString !== undefined
      ? rules.filter(([rule]) => !LENGTH_RULES.includes(rule))
      : rules;
  return kept.map(([, message]) => message);
}

function flatten(errors: FieldValidationFailure[], prefix = ''): Array<[string, string[]]> {
  return errors.flatMap((error) => {
    const path = prefix ? `${prefix}.${error.property}` : error.property;
    const own: Array<[string, string[]]> = error.constraints
      ? [[path, readable(error.constraints)]]
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

/** A service input failed validation; `fields` names every field at fault (e.g. `address.city`). */
export class AliexpressValidationError extends AliexpressArgumentError {
  readonly fields: string[];
  readonly problems: string[];

  /**
   * The error for class-validator failures (nested ones included), each field named once by its
   * full path: what the library's services throw, and what an app's `ValidationPipe`
   * `exceptionFactory` can return to answer its own DTOs the same way.
   */
  static fromValidationErrors(errors: FieldValidationFailure[]): AliexpressValidationError {
    const flat = flatten(errors);
    return new AliexpressValidationError({
      fields: flat.map(([field]) => field),
      problems: flat.flatMap(([field, messages]) => messages.map((m) => named(field, m))),
    });
  }

  constructor(params: AliexpressValidationErrorParams) {
    super({
      argument: params.fields.join(', '),
      problem: `invalid: ${params.problems.join('; ')}`,
    });
    this.fields = params.fields;
    this.problems = params.problems;
  }
}
