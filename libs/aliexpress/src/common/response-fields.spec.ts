import { listElements, listObjects } from './response-fields.js';

describe('listObjects', () => {
  it('unwraps {"x_d_t_o": [...]}, a lone object, a bare list, and nothing', () => {
    expect(listObjects({ x_d_t_o: [{ a: 1 }, { a: 2 }] })).toEqual([{ a: 1 }, { a: 2 }]);
    expect(listObjects({ x_d_t_o: { a: 1 } })).toEqual([{ a: 1 }]);
    expect(listObjects([{ a: 1 }])).toEqual([{ a: 1 }]);
    expect(listObjects(undefined)).toEqual([]);
    expect(listObjects(null)).toEqual([]);
    expect(listObjects('x')).toEqual([]);
    expect(listObjects({})).toEqual([]);
  });
});

describe('listElements', () => {
  it('keeps scalar elements: ids and URLs under their type key, bare or as a list', () => {
    expect(listElements({ string: ['a', 'b'] })).toEqual(['a', 'b']);
    expect(listElements({ string: 'a' })).toEqual(['a']);
    expect(listElements('a')).toEqual(['a']);
    expect(listElements([1, 2])).toEqual([1, 2]);
    expect(listElements({})).toEqual([]);
    expect(listElements(undefined)).toEqual([]);
  });

  it('a lone object with several fields is the one element', () => {
    expect(listElements({ a: 1, b: 2 })).toEqual([{ a: 1, b: 2 }]);
    expect(listObjects({ a: 1, b: 2 })).toEqual([{ a: 1, b: 2 }]);
  });
});
