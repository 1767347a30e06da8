import { AliexpressTransportError } from '../errors/aliexpress.errors.js';
import { readAddressTree } from './address.reader.js';

describe('readAddressTree', () => {
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
      readAddressTree(
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
    expect(readAddressTree({ result: { data: [{ country: 'DE' }] } }, 'DE')).toEqual({
      countryCode: 'DE',
      type: undefined,
      children: [],
    });
  });

  it('children that are not JSON, or no data at all, are unexpected-shape errors', () => {
    expect(() =>
      readAddressTree({ result: { data: { country: 'US', children: 'childrenStr' } } }, 'US'),
    ).toThrow(AliexpressTransportError);
    expect(() => readAddressTree({ result: { ret: 'true' } }, 'US')).toThrow(/result\.data/);
  });
});
