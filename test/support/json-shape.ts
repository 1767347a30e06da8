import { isLosslessNumber, parse } from 'lossless-json';

/**
 * The shape of a JSON body: every field path with the JSON type found there. Array elements share
 * one path segment `[]`, so a list of three objects and a list of one have the same shape. Used to
 * hold the mock gateway's answers to the platform's documented samples: same paths, same types,
 * same wrappers.
 */
export type JsonShape = Map<string, Set<JsonType>>;

/** A JSON type as the wire carries it (a quoted number is a `string`). */
export type JsonType = 'string' | 'number' | 'boolean' | 'null' | 'object' | 'array';

/** How two shapes differ: paths only one side has, and paths whose types differ. */
export interface ShapeDifference {
  /** Paths of the expected shape the actual body lacks. */
  missing: string[];
  /** Paths the actual body has that the expected shape lacks. */
  extra: string[];
  /** Paths present on both sides with different JSON types: `path: expected ≠ actual`. */
  mismatched: string[];
}

function typeOf(value: unknown): JsonType {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (isLosslessNumber(value)) return 'number';
  switch (typeof value) {
    case 'string':
      return 'string';
    case 'number':
    case 'bigint':
      return 'number';
    case 'boolean':
      return 'boolean';
    default:
      return 'object';
  }
}

function walk(value: unknown, path: string, shape: JsonShape): void {
  const type = typeOf(value);
  if (path) {
    const types = shape.get(path) ?? new Set<JsonType>();
    types.add(type);
    shape.set(path, types);
  }
  if (type === 'array') {
    for (const element of value as unknown[]) walk(element, `${path}[]`, shape);
  } else if (type === 'object') {
    for (const [key, child] of Object.entries(value as Record<string, unknown>))
      walk(child, path ? `${path}.${key}` : key, shape);
  }
}

/** The shape of a JSON text, parsed losslessly (a number beyond 2^53 is still a `number`). */
export function shapeOf(jsonText: string): JsonShape {
  const shape: JsonShape = new Map();
  walk(parse(jsonText), '', shape);
  return shape;
}

/** Compares an actual shape with an expected (documented) one. */
export function compareShapes(expected: JsonShape, actual: JsonShape): ShapeDifference {
  const missing = [...expected.keys()].filter((path) => !actual.has(path)).sort();
  const extra = [...actual.keys()].filter((path) => !expected.has(path)).sort();
  const mismatched = [...expected.entries()]
    .filter(([path]) => actual.has(path))
    .filter(([path, types]) => [...actual.get(path)!].some((t) => !types.has(t)))
    .map(
      ([path, types]) => `${path}: ${[...types].join('|')} ≠ ${[...actual.get(path)!].join('|')}`,
    )
    .sort();
  return { missing, extra, mismatched };
}
