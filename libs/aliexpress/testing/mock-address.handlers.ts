import { MOCK_ADDRESS_TREES, type MockPlace } from './mock-fixtures.js';

import { required, type BusinessHandler } from './mock-business.context.js';

/* `aliexpress.ds.address.get`: `data.children` is the tree as JSON text inside a string. */

const placeJson = (place: MockPlace): Record<string, unknown> => ({
  type: place.type,
  name: place.name,
  ...(place.children ? { children: place.children.map(placeJson) } : {}),
});

/** `aliexpress.ds.address.get`; booleans as strings, as the captured sample writes them. */
export const addressGet: BusinessHandler = (ctx) => {
  const country = required(ctx, 'countryCode');
  if (!/^[A-Z]{2}$/.test(country)) {
    return {
      result: {
        ret: 'false',
        code: 'COUNTRY_CODE_INVALID',
        msg: `${country} is not a country code`,
      },
      code: '0',
    };
  }
  return {
    result: {
      ret: 'true',
      msg: 'Call succeeds',
      code: '200',
      data: {
        country,
        children: JSON.stringify((MOCK_ADDRESS_TREES[country] ?? []).map(placeJson)),
        type: 'country',
      },
    },
    code: '0',
  };
};
