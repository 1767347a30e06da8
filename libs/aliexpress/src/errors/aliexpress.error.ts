/** What every library error is built from: its human-readable message. */
export interface AliexpressErrorParams {
  message: string;
}

/**
 * Base class of every error this library raises: `instanceof AliexpressError` catches them all.
 * Every subclass is built from one params object (as stripe-node's errors are), so call sites
 * name each value instead of lining up positional arguments.
 */
export abstract class AliexpressError extends Error {
  constructor(params: AliexpressErrorParams) {
    super(params.message);
    this.name = new.target.name;
  }
}
