import fc from 'fast-check';
import { isSafeNumber, parse as losslessParse } from 'lossless-json';
import { parseGatewayJson, parseLossless } from './gateway-json.parser.js';

// lossless-json's parse, watched: a test checks which texts reach it
vi.mock('lossless-json', async (importOriginal) => {
  const actual = await importOriginal<typeof import('lossless-json')>();
  return { ...actual, parse: vi.fn(actual.parse) };
});
const slow = vi.mocked(losslessParse);

/** What a parse gave: the value, or the class of what it threw. */
function outcome(parse: (text: string) => unknown, text: string): unknown {
  try {
    return { value: parse(text) };
  } catch (error) {
    return { threw: (error as Error).constructor.name };
  }
}

/** A canonical form that also tells -0 from 0 and keeps key order (toStrictEqual ignores order). */
function canonical(value: unknown): unknown {
  if (typeof value === 'number') return Object.is(value, -0) ? '-0 (number)' : value;
  if (Array.isArray(value)) return value.map(canonical);
  if (typeof value === 'object' && value !== null) {
    return {
      proto: Object.getPrototypeOf(value) === Object.prototype,
      entries: Object.keys(value).map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
    };
  }
  return value;
}

/** parseGatewayJson gives exactly what lossless-json gives, or throws when it throws. */
function expectSameAsLossless(text: string): void {
  const fast = outcome(parseGatewayJson, text);
  const reference = outcome(parseLossless, text);
  expect(canonical(fast)).toEqual(canonical(reference));
}

const ws = fc.constantFrom('', '', ' ', '\n', '\t', '\r\n  ');
const digits = (min: number, max: number) =>
  fc.stringMatching(new RegExp(`^[0-9]{${min},${max}}$`));
const numberLiteral = fc.oneof(
  // integers around 2^53, where safe turns unsafe
  fc.bigInt({ min: -(2n ** 53n) - 2000n, max: 2n ** 53n + 2000n }).map(String),
  // big integers (SKU and order ids), plain or negative
  fc.stringMatching(/^-?[1-9][0-9]{15,30}$/),
  // small numbers
  fc.stringMatching(/^-?(0|[1-9][0-9]{0,14})(\.[0-9]{1,6})?$/),
  // decimals with too many digits for a double, or just enough
  fc.stringMatching(/^-?(0|[1-9][0-9]{0,20})\.[0-9]{1,30}$/),
  // exponents, overflow and underflow included
  fc.stringMatching(/^-?(0|[1-9][0-9]{0,18})(\.[0-9]{1,18})?[eE][-+]?[0-9]{1,3}$/),
  fc.constantFrom(
    '0',
    '-0',
    '0.0',
    '-0.0',
    '1e400',
    '-1e400',
    '1e-400',
    '5e-324',
    '9007199254740992.0',
  ),
);
const tricky = fc.constantFrom(
  '__proto__',
  'constructor',
  'toString',
  ':12345678901234567',
  ':12345678901234567,',
  ', 1e5]',
  '[9007199254740993',
  'a":1,"b',
  '\\":12345678901234567',
  'x:12345678901234567}',
  '\u2028\u2029',
  '\ud83d\ude00',
  '\ud800',
  '',
);
const text = fc.oneof(fc.string({ unit: 'binary', maxLength: 12 }), tricky, digits(16, 20));
/** A string literal: JSON.stringify's form, or every character as a \u escape. */
const stringLiteral = fc
  .tuple(text, fc.boolean())
  .map(([s, escapeAll]) =>
    escapeAll
      ? `"${[...Array(s.length).keys()].map((i) => `\\u${s.charCodeAt(i).toString(16).padStart(4, '0')}`).join('')}"`
      : JSON.stringify(s),
  );
const key = fc.oneof(fc.constantFrom('"a"', '"b"', '"__proto__"', '"sku_id"'), stringLiteral);

const { json } = fc.letrec<{ json: string; array: string; object: string }>((tie) => ({
  json: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    numberLiteral,
    stringLiteral,
    fc.constantFrom('true', 'false', 'null'),
    tie('array'),
    tie('object'),
  ),
  array: fc
    .tuple(fc.array(fc.tuple(ws, tie('json'), ws), { maxLength: 6 }), ws)
    .map(([items, w]) => `[${w}${items.map(([a, v, b]) => `${a}${v}${b}`).join(',')}]`),
  object: fc
    .tuple(fc.array(fc.tuple(ws, key, ws, ws, tie('json'), ws), { maxLength: 6 }), ws)
    .map(
      ([members, w]) =>
        `{${w}${members.map(([a, k, b, c, v, d]) => `${a}${k}${b}:${c}${v}${d}`).join(',')}}`,
    ),
}));
const document = fc.tuple(ws, json, ws).map(([a, v, b]) => `${a}${v}${b}`);
/** A document with one character removed, replaced or inserted: mostly not JSON any more. */
const damaged = fc
  .tuple(
    document,
    fc.nat(),
    fc.constantFrom('', '"', ':', ',', '{', '}', '[', ']', '1', 'e', '.', '-', '\\'),
  )
  .map(([doc, at, insert]) => {
    const i = at % (doc.length + 1);
    return doc.slice(0, i) + insert + doc.slice(i + (insert === '' || at % 2 ? 1 : 0));
  });

describe('parseGatewayJson', () => {
  it('keeps integers beyond 2^53 exact as strings and leaves safe numbers as numbers', () => {
    expect(
      parseGatewayJson(
        '{"sku_id":12000036032948733,"n":42,"p":9.99,"big":[9007199254740993, -9007199254740993],"e":1e400,"x":0.1000000000000000055511151231257827}',
      ),
    ).toEqual({
      sku_id: '12000036032948733',
      n: 42,
      p: 9.99,
      big: ['9007199254740993', '-9007199254740993'],
      e: '1e400',
      x: '0.1000000000000000055511151231257827',
    });
  });

  it('leaves digits inside strings untouched, even where a number could stand', () => {
    expect(
      parseGatewayJson(
        '{"a":"x:12345678901234567","b":"[9007199254740993, 1e5]","c":12345678901234567}',
      ),
    ).toEqual({ a: 'x:12345678901234567', b: '[9007199254740993, 1e5]', c: '12345678901234567' });
  });

  it.each([
    ['a key written twice with different values', '{"id":12345678901234567,"id":2}'],
    ['a number where a key must be', '{"a":1,12345678901234567:2}'],
    ['a big number with a leading zero', '[012345678901234567]'],
    ['a truncated body', '{"sku_id":12000036032948733'],
    ['an HTML error page', '<html><body>502 Bad Gateway</body></html>'],
  ])('refuses %s with a SyntaxError, as lossless-json does', (_, body) => {
    expect(() => parseGatewayJson(body)).toThrow(SyntaxError);
    expectSameAsLossless(body);
  });

  it('keeps a key written twice with equal values once, as lossless-json does', () => {
    expectSameAsLossless('{"a":[],"a":{}}');
    expectSameAsLossless('{"a":0,"a":-0}');
  });

  it('reads a product answer on the fast path, JSON held in strings included', () => {
    slow.mockClear();
    const body =
      '{"aliexpress_ds_product_get_response":{"result":{"ae_item_sku_info_dtos":{"ae_item_sku_info_d_t_o":' +
      '[{"sku_id":12000041836251000,"sku_price":"159.99","wholesale_price":"{\\"min\\":1.5,\\"q\\":\\"a\\\\\\\\\\":b\\"}"}]},' +
      '"ae_item_base_info_dto":{"product_id":1005007283645190,"subject":"Chair: mesh"}},"rsp_code":200}}';
    expect(parseGatewayJson(body)).toEqual(parseLossless(body));
    expect(slow).toHaveBeenCalledTimes(1); // parseLossless, not parseGatewayJson
    slow.mockClear();
    expect(() => parseGatewayJson('{"sku_id":12000041836251000,"sku_id":1}')).toThrow(
      /Duplicate key/,
    );
    expect(slow).toHaveBeenCalledTimes(1); // a duplicate key does take the slow path
  });

  it('reads "__proto__" as an own key, never as the prototype', () => {
    const parsed = parseGatewayJson('{"__proto__":{"polluted":12345678901234567}}') as object;
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
    expect(Object.keys(parsed)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('equals lossless-json on generated JSON (big integers and decimals, exponents, escapes)', () => {
    fc.assert(fc.property(document, expectSameAsLossless), { numRuns: 1000 });
  });

  it('equals lossless-json on damaged JSON: the same values, or a SyntaxError from both', () => {
    fc.assert(fc.property(damaged, expectSameAsLossless), { numRuns: 1000 });
  });

  it('rests on this: a literal of at most 15 digits without exponent is always safe', () => {
    fc.assert(
      fc.property(
        fc.tuple(fc.boolean(), digits(1, 15), fc.nat()).map(([negative, d, at]) => {
          const dot = at % (d.length + 1);
          const literal = dot === 0 || dot === d.length ? d : `${d.slice(0, dot)}.${d.slice(dot)}`;
          return `${negative ? '-' : ''}${literal.replace(/^0+(?=[0-9])/, '')}`;
        }),
        (literal) => {
          expect(isSafeNumber(literal)).toBe(true);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
