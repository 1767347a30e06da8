import { compareShapes, shapeOf, type JsonShape, type ShapeDifference } from './json-shape.js';

/** No difference at all between two shapes. */
export const SAME_SHAPE: ShapeDifference = { missing: [], extra: [], mismatched: [] };

/**
 * Expects the JSON text `actual` (typically the mock's answer) to have exactly the shape `expected`
 * (typically a documented sample's): no path missing, none extra, no JSON type differing.
 */
export function expectSameShape(expected: JsonShape, actual: string): void {
  expect(compareShapes(expected, shapeOf(actual))).toEqual(SAME_SHAPE);
}
