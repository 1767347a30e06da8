import { AliexpressError } from './aliexpress.error.js';

/** One bad module option: its path (e.g. `state.cookieName`) and what is wrong, never its value. */
export interface ConfigurationProblem {
  /** The option at fault, as a path: `appSecret`, `retry.maxRetries`. */
  option: string;
  /** What is wrong, phrased to follow the option's name: `is missing`, `must be a function`. */
  problem: string;
}

/** What {@link AliexpressConfigurationError} is built from: every problem found, at least one. */
export interface AliexpressConfigurationErrorParams {
  problems: readonly ConfigurationProblem[];
}

const quoted = ({ option, problem }: ConfigurationProblem) => `option "${option}" ${problem}`;

/**
 * Module options are missing or malformed; raised at startup with every problem at once. It names
 * the options, never their values (a secret must not end up in a log).
 */
export class AliexpressConfigurationError extends AliexpressError {
  /** The first option at fault, e.g. `appSecret`. */
  readonly option: string;
  /** Every option at fault, in declaration order. */
  readonly problems: readonly ConfigurationProblem[];

  constructor(params: AliexpressConfigurationErrorParams) {
    const problems = params.problems.length
      ? params.problems.map((p) => ({ ...p }))
      : [{ option: 'options', problem: 'is invalid' }];
    super({
      message:
        problems.length === 1
          ? `AliexpressModule ${quoted(problems[0])}`
          : `AliexpressModule has ${problems.length} invalid options: ${problems.map(quoted).join('; ')}`,
    });
    this.option = problems[0].option;
    this.problems = problems;
  }
}
