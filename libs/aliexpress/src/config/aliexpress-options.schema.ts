import {
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  Matches,
  Max,
  Min,
  ValidateIf,
  ValidateNested,
  validateSync,
  type ValidationError,
} from 'class-validator';
import type { ConfigurationProblem } from '../errors/aliexpress.errors.js';
import { FollowsRule } from './option-rule.decorator.js';
import {
  baseUrlRule,
  callbackPathRule,
  clockRule,
  credentialRule,
  decoratorsRule,
  encryptionKeyRule,
  previousEncryptionKeysRule,
  functionRule,
  redirectTargetRule,
  redirectUriRule,
  tokenStoreRule,
  oauthStateStoreRule,
  refreshLockRule,
  transportRule,
  methodQpsRule,
  messageTypesRule,
  orderInboxRule,
  statusListRule,
  type OptionContext,
} from './option.rules.js';

/** Validates the property only when it was given (`null` counts as given, and is refused). */
const WhenGiven = () => ValidateIf((_object: object, value: unknown) => value !== undefined);
const POSITIVE = 'must be a positive whole number';
const NON_NEGATIVE = 'must be a non-negative whole number';
const PositiveWholeNumber = () => (target: object, key: string | symbol) => {
  IsInt({ message: POSITIVE })(target, key);
  Min(1, { message: POSITIVE })(target, key);
};
const NonNegativeWholeNumber = () => (target: object, key: string | symbol) => {
  IsInt({ message: NON_NEGATIVE })(target, key);
  Min(0, { message: NON_NEGATIVE })(target, key);
};

/** Schema of `options.state` (see `OAuthStateOptions`). */
class OAuthStateOptionsSchema {
  @IsOptional()
  @PositiveWholeNumber()
  ttlSeconds?: unknown;

  @IsOptional()
  @Matches(/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/, { message: 'is not a valid cookie name' })
  cookieName?: unknown;

  @WhenGiven()
  @FollowsRule(credentialRule)
  secret?: unknown;

  @WhenGiven()
  @IsIn([true, false, 'auto'], { message: 'must be true, false or "auto"' })
  secureCookie?: unknown;
}

/** Schema of `options.retry` (see `RetryOptions`). */
class RetryOptionsSchema {
  @IsOptional()
  @NonNegativeWholeNumber()
  maxRetries?: unknown;

  @IsOptional()
  @PositiveWholeNumber()
  initialDelayMs?: unknown;

  @IsOptional()
  @PositiveWholeNumber()
  maxDelayMs?: unknown;

  @IsOptional()
  @PositiveWholeNumber()
  maxElapsedMs?: unknown;
}

/** A tracking id as the affiliate portal creates them: letters, digits, `_`, `-` and `.`. */
export const TRACKING_ID = /^[A-Za-z0-9_.-]{1,64}$/;

/** Schema of `options.affiliate` (see `AffiliateOptions`). */
class AffiliateOptionsSchema {
  @IsOptional()
  @Matches(TRACKING_ID, {
    message: 'must be a tracking id: 1 to 64 letters, digits, "_", "-" or "."',
  })
  trackingId?: unknown;
}

/** Schema of `options.orderSync` (see `OrderSyncOptions`). */
class OrderSyncOptionsSchema {
  @IsOptional()
  @IsBoolean({ message: 'must be true or false' })
  enabled?: unknown;

  @IsOptional()
  @PositiveWholeNumber()
  intervalMs?: unknown;

  @IsOptional()
  @PositiveWholeNumber()
  maxCallsPerSecond?: unknown;

  @IsOptional()
  @FollowsRule(statusListRule)
  finalStatuses?: unknown;
}

/**
 * The one schema of `AliexpressModuleOptions`: every rule an option must follow, checked together
 * so a bad configuration is reported in full at once. Options the library applies a default to
 * with `??` are `@IsOptional` (undefined or null); the others are checked whenever given.
 */
class AliexpressOptionsSchema {
  /** From the registration, not from the user: whether the OAuth controller is served. */
  oauthController = false;

  @FollowsRule(credentialRule)
  appKey?: unknown;

  @FollowsRule(credentialRule)
  appSecret?: unknown;

  @ValidateIf(
    (schema: AliexpressOptionsSchema, value: unknown) =>
      value !== undefined || schema.oauthController,
  )
  @FollowsRule(redirectUriRule)
  redirectUri?: unknown;

  @IsOptional()
  @FollowsRule(baseUrlRule)
  baseUrl?: unknown;

  @IsOptional()
  @PositiveWholeNumber()
  timeoutMs?: unknown;

  @IsOptional()
  @PositiveWholeNumber()
  @Max(16 * 1024 * 1024, { message: 'must be at most 16 MiB (16777216)' })
  maxResponseBytes?: unknown;

  @IsOptional()
  @FollowsRule(callbackPathRule)
  callbackPath?: unknown;

  @WhenGiven()
  @FollowsRule(tokenStoreRule)
  tokenStore?: unknown;

  @WhenGiven()
  @FollowsRule(oauthStateStoreRule)
  oauthStateStore?: unknown;

  @WhenGiven()
  @FollowsRule(refreshLockRule)
  refreshLock?: unknown;

  @WhenGiven()
  @FollowsRule(transportRule)
  transport?: unknown;

  @WhenGiven()
  @FollowsRule(encryptionKeyRule)
  tokenEncryptionKey?: unknown;

  @WhenGiven()
  @FollowsRule(previousEncryptionKeysRule)
  previousTokenEncryptionKeys?: unknown;

  @IsOptional()
  @NonNegativeWholeNumber()
  refreshMarginSeconds?: unknown;

  @IsOptional()
  @IsObject({ message: 'must be an object' })
  @ValidateNested()
  state?: unknown;

  @WhenGiven()
  @FollowsRule(redirectTargetRule)
  successRedirect?: unknown;

  @WhenGiven()
  @FollowsRule(redirectTargetRule)
  failureRedirect?: unknown;

  @WhenGiven()
  @FollowsRule(functionRule)
  afterAuthorization?: unknown;

  @WhenGiven()
  @FollowsRule(functionRule)
  onTokenEvent?: unknown;

  @WhenGiven()
  @IsObject({ message: 'must be an object' })
  @ValidateNested()
  retry?: unknown;

  @WhenGiven()
  @PositiveWholeNumber()
  qpsLimit?: unknown;

  @WhenGiven()
  @FollowsRule(methodQpsRule)
  qpsLimits?: unknown;

  @IsOptional()
  @FollowsRule(clockRule)
  clock?: unknown;

  @WhenGiven()
  @IsObject({ message: 'must be an object' })
  @ValidateNested()
  affiliate?: unknown;
  @IsOptional()
  @FollowsRule(callbackPathRule)
  webhookPath?: unknown;

  @IsOptional()
  @PositiveWholeNumber()
  webhookMaxBodyBytes?: unknown;

  @IsOptional()
  @FollowsRule(messageTypesRule)
  webhookMessageTypes?: unknown;

  @WhenGiven()
  @FollowsRule(orderInboxRule)
  orderInbox?: unknown;

  @WhenGiven()
  @IsObject({ message: 'must be an object' })
  @ValidateNested()
  orderSync?: unknown;
}

/** Schema of the registration extras of `forRoot` / `forRootAsync` (see `AliexpressModuleExtras`). */
class AliexpressExtrasSchema {
  @IsOptional()
  @IsBoolean({ message: 'must be true or false' })
  isGlobal?: unknown;

  @IsOptional()
  @IsBoolean({ message: 'must be true or false' })
  controller?: unknown;

  @IsOptional()
  @FollowsRule(decoratorsRule)
  controllerDecorators?: unknown;

  @IsOptional()
  @IsBoolean({ message: 'must be true or false' })
  webhook?: unknown;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A schema instance holding the given values; the caller's object is never modified. */
function instance<T extends object>(Schema: new () => T, values: Record<string, unknown>): T {
  return Object.assign(new Schema(), values);
}

function flatten(errors: ValidationError[], prefix = ''): ConfigurationProblem[] {
  return errors.flatMap((error) => {
    const option = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((problem) => ({ option, problem }));
    return [...own, ...flatten(error.children ?? [], option)];
  });
}

function problemsOf(schema: object): ConfigurationProblem[] {
  return flatten(
    validateSync(schema, {
      stopAtFirstError: true,
      forbidUnknownValues: true,
      validationError: { target: false, value: false },
    }),
  );
}

/**
 * Every problem of a set of module options, in declaration order; empty when they are valid.
 * `context.oauthController` makes `redirectUri` required.
 */
export function findOptionProblems(
  options: unknown,
  context: OptionContext = {},
): ConfigurationProblem[] {
  if (!isPlainObject(options)) {
    return [{ option: 'options', problem: 'must be an object with at least appKey and appSecret' }];
  }
  const { state, retry, affiliate, orderSync } = options;
  return problemsOf(
    instance(AliexpressOptionsSchema, {
      ...options,
      oauthController: context.oauthController === true,
      state: isPlainObject(state) ? instance(OAuthStateOptionsSchema, state) : state,
      retry: isPlainObject(retry) ? instance(RetryOptionsSchema, retry) : retry,
      affiliate: isPlainObject(affiliate) ? instance(AffiliateOptionsSchema, affiliate) : affiliate,
      orderSync: isPlainObject(orderSync) ? instance(OrderSyncOptionsSchema, orderSync) : orderSync,
    }),
  );
}

/** Every problem of the registration extras (`isGlobal`, `controller`, `controllerDecorators`, `webhook`). */
export function findExtrasProblems(extras: unknown): ConfigurationProblem[] {
  if (extras === undefined) return [];
  if (!isPlainObject(extras)) return [{ option: 'extras', problem: 'must be an object' }];
  return problemsOf(instance(AliexpressExtrasSchema, extras));
}
