import { registerDecorator, type ValidationArguments } from 'class-validator';
import type { OptionRule } from './option.rules.js';

/**
 * Applies an {@link OptionRule} to a schema property with class-validator: the rule's text becomes
 * the constraint message, so the schema reports exactly what the rule found (never the value).
 */
export function FollowsRule(rule: OptionRule): PropertyDecorator {
  return (target, propertyName) => {
    registerDecorator({
      name: rule.name || 'optionRule',
      target: target.constructor,
      propertyName: String(propertyName),
      validator: {
        validate: (value: unknown, args: ValidationArguments) =>
          rule(value, args.object) === undefined,
        defaultMessage: (args?: ValidationArguments) =>
          (args && rule(args.value, args.object)) ?? 'is invalid',
      },
    });
  };
}
