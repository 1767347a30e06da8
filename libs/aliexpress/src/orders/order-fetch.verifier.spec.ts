import type { DropshippingService } from '../dropshipping/dropshipping.service.js';
import type { OrderDetails } from '../dropshipping/order.results.js';
import { AliexpressBusinessError } from '../errors/aliexpress.errors.js';
import type { TokenService } from '../tokens/token.service.js';
import { OrderFetchVerifier } from './order-fetch.verifier.js';
import { UnprocessableMessageError } from './unprocessable-message.error.js';

const API = 'aliexpress.trade.ds.order.get';

const verifierFailingWith = (error: Error) =>
  new OrderFetchVerifier(
    {} as TokenService,
    {
      getOrder: (): Promise<OrderDetails> => Promise.reject(error),
    } as unknown as DropshippingService,
  );

describe('OrderFetchVerifier.fetch', () => {
  it.each(['ORDER_NOT_FOUND', 'ORDER_NOT_EXIST'])(
    'parks a message whose order the gateway does not know (%s)',
    async (code) => {
      const verifier = verifierFailingWith(new AliexpressBusinessError({ apiName: API, code }));
      await expect(verifier.fetch('acct', '1')).rejects.toBeInstanceOf(UnprocessableMessageError);
    },
  );

  it.each(['SYSTEM_BUSY', 'B2B_REFUSED'])(
    'leaves another business error (%s) to a retry with backoff, not parked',
    async (code) => {
      const error = new AliexpressBusinessError({ apiName: API, code });
      const verifier = verifierFailingWith(error);
      await expect(verifier.fetch('acct', '1')).rejects.toBe(error);
    },
  );
});
