import { Inject, Injectable } from '@nestjs/common';
import { ALIEXPRESS_OPTIONS } from '../aliexpress.constants.js';
import type { ResolvedAliexpressOptions } from '../config/aliexpress-options.interface.js';
import {
  buildGatewayRequest,
  signRequestParams,
  type BuiltGatewayRequest,
  type GatewayCall,
  type SignedRequest,
} from './gateway-request.builder.js';
import type { ParamRecord, SignOptions } from './sign-params.js';

/** Applies the configured app secret to the request builder (gateway-request.builder). */
@Injectable()
export class SignatureService {
  constructor(@Inject(ALIEXPRESS_OPTIONS) private readonly options: ResolvedAliexpressOptions) {}

  /** The `sign` of these parameters under the configured secret. */
  sign(params: ParamRecord, options: SignOptions = {}): string {
    return this.signRequest(params, options).sign;
  }

  /** Normalises, signs and returns the exact entries to transmit with their sign. */
  signRequest(params: ParamRecord, options: SignOptions = {}): SignedRequest {
    return signRequestParams(params, this.options.appSecret, options);
  }

  /** A whole gateway request (endpoint, protocol parameters, sign, form body) for the configured app. */
  build(call: Omit<GatewayCall, 'appKey'>): BuiltGatewayRequest {
    return buildGatewayRequest({ ...call, appKey: this.options.appKey }, this.options.appSecret);
  }
}
