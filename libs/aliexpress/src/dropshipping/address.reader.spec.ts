import { AliexpressTransportError } from '../errors/aliexpress.errors.js';
import { normalizeAddressTree } from './address.reader.js';

describe('normalizeAddressTree', () => {
  it('parses the JSON text of children, at any level, also when a level is text again', () => {
    const children = JSON.stringify([
      {
        name: 'California',
        type: 'province',
        code: 'CA',
        children: JSON.stringify([{ name: 'Los Angeles', type: 'city' }]),
      },
    ]);
    expect(
      normalizeAddressTree(
        { result: { ret: 'true', data: { country: 'US', type: 'country', children } } },
        'US',
      ),
    ).toEqual({
      countryCode: 'US',
      type: 'country',
      children: [
        {
          name: 'California',
          type: 'province',
          code: 'CA',
          children: [{ name: 'Los Angeles', type: 'city', code: undefined, children: [] }],
        },
      ],
    });
  });

  it('reads data given as a list (its struct says List[Object]); no children is an empty tree', () => {
    expect(normalizeAddressTree({ result: { data: [{ country: 'DE' }] } }, 'DE')).toEqual({
      countryCode: 'DE',
      type: undefined,
      children: [],
    });
  });

  it('children that are not JSON, or no data at all, are unexpected-shape errors', () => {
    expect(() =>
      normalizeAddressTree({ result: { data: { country: 'US', children: 'childrenStr' } } }, 'US'),
    ).toThrow(AliexpressTransportError);
    expect(() => normalizeAddressTree({ result: { ret: 'true' } }, 'US')).toThrow(/result\.data/);
  });
});
