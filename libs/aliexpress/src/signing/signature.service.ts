import { Inject, Injectable } from '@nestjs/common';
import { ALIEXPRESS_OPTIONS } from '../aliexpress.constants';
import type { ResolvedAliexpressOptions } from '../config/aliexpress-options.interface';
import {
  digestCanonical,
  joinCanonical,
  wireEntries,
  type ParamRecord,
  type SignOptions,
} from './sign-params';

/** A request ready for the wire: exactly the entries that were signed, plus the sign. */
export interface SignedRequest {
  /** The parameters as sent, in canonical order, `sign` excluded. */
  entries: Array<[string, string]>;
  sign: string;
}

/** Signs with the configured app secret; the arithmetic is the pure {@link signParams}. */
@Injectable()
export class SignatureService {
  constructor(@Inject(ALIEXPRESS_OPTIONS) private readonly options: ResolvedAliexpressOptions) {}

  /** The `sign` of these parameters under the configured secret. */
  sign(params: ParamRecord, options: SignOptions = {}): string {
    return this.signRequest(params, options).sign;
  }

  /** Normalises, signs and returns the exact entries to transmit with their sign. */
  signRequest(params: ParamRecord, options: SignOptions = {}): SignedRequest {
    const entries = wireEntries(params);
    const prefix = options.apiPath ?? '';
    return {
      entries,
      sign: digestCanonical(
        joinCanonical(entries, prefix),
        this.options.appSecret,
        options.signMethod,
      ),
    };
  }
}
