import { compareShapes, shapeOf } from './json-shape.js';

describe('json shape', () => {
  it('records every path with its wire type, array elements under []', () => {
    const shape = shapeOf(
      '{"a":{"list":[{"id":12000027158136202},{"id":"7"}],"ok":true,"n":null}}',
    );
    expect(
      Object.fromEntries([...shape].map(([path, types]) => [path, [...types].sort()])),
    ).toEqual({
      a: ['object'],
      'a.list': ['array'],
      'a.list[]': ['object'],
      'a.list[].id': ['number', 'string'],
      'a.n': ['null'],
      'a.ok': ['boolean'],
    });
  });

  it('reports missing and extra paths, and types that differ', () => {
    const documented = shapeOf('{"r":{"fee":"1.99","free":true,"opts":{"o":[{"code":"X"}]}}}');
    const mock = shapeOf('{"r":{"fee":199,"free":true,"opts":[{"code":"X"}],"mine":1}}');
    expect(compareShapes(documented, mock)).toEqual({
      missing: ['r.opts.o', 'r.opts.o[]', 'r.opts.o[].code'],
      extra: ['r.mine', 'r.opts[]', 'r.opts[].code'],
      mismatched: ['r.fee: string ≠ number', 'r.opts: object ≠ array'],
    });
  });

  it('finds nothing between a body and itself', () => {
    const body = '{"x":[1,2,{"y":"z"}]}';
    expect(compareShapes(shapeOf(body), shapeOf(body))).toEqual({
      missing: [],
      extra: [],
      mismatched: [],
    });
  });
});
