import { AliexpressConfigurationError } from '../errors/aliexpress.errors.js';
import { credentialRule } from './option.rules.js';

/**
 * Checks one app key or secret the way the gateway will see it (the module's schema applies the
 * same rule to `appKey`, `appSecret` and `state.secret`), for tools that read a credential on their
 * own, such as the doctor and the mock gateway. Throws naming the option, never its value.
 */
export function validateCredential(option: string, value: unknown): string {
  const problem = credentialRule(value, {});
  if (problem !== undefined)
    throw new AliexpressConfigurationError({ problems: [{ option, problem }] });
  return value as string;
}
