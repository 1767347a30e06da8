import { AliexpressError } from './aliexpress.error';

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

/** A service input failed validation; `fields` names every field at fault (e.g. `address.city`). */
export class AliexpressValidationError extends AliexpressArgumentError {
  readonly fields: string[];
  readonly problems: string[];

  constructor(params: AliexpressValidationErrorParams) {
    super({
      argument: params.fields.join(', '),
      problem: `invalid: ${params.problems.join('; ')}`,
    });
    this.fields = params.fields;
    this.problems = params.problems;
  }
}
