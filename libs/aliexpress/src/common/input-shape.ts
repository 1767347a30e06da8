import { AliexpressValidationError } from '../errors/aliexpress.errors.js';

/**
 * How deep an input may nest (the input itself is level 0). The deepest real input is three
 * levels (`items.0.productId`); 32 leaves room for an app's DTOs while keeping a hostile body
 * (5,000 levels, or a cycle) from reaching the recursive validator and exhausting the stack.
 */
export const MAX_INPUT_DEPTH = 32;

/** What {@link inputShapeError} checks besides the depth. */
export interface InputShapeRules {
  /** Deepest level allowed; default {@link MAX_INPUT_DEPTH}. */
  maxDepth?: number;
  /** Refuse an array directly inside an array (no library input takes one); default false. */
  refuseNestedArrays?: boolean;
}

/** Objects whose inside is data, not structure: never walked. */
function opaque(value: object): boolean {
  return ArrayBuffer.isView(value) || value instanceof Date || value instanceof ArrayBuffer;
}

/**
 * The validation error for an input whose shape no validator should see: nested deeper than
 * `maxDepth` (a cycle included), or, when asked, an array inside an array. Walks the input
 * without recursion, so it cannot overflow the stack itself; undefined when the shape is fine.
 * The error names the path at fault, never a value.
 */
export function inputShapeError(
  input: unknown,
  rules: InputShapeRules = {},
): AliexpressValidationError | undefined {
  const maxDepth = rules.maxDepth ?? MAX_INPUT_DEPTH;
  const pending: Array<{ value: unknown; path: string[] }> = [{ value: input, path: [] }];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const { value, path } = next;
    if (typeof value !== 'object' || value === null || opaque(value)) continue;
    const field = path.join('.') || 'input';
    if (path.length > maxDepth) {
      return refused(field, `is nested more than ${maxDepth} levels deep`);
    }
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) {
        const item: unknown = value[i];
        if (rules.refuseNestedArrays && Array.isArray(item)) {
          return refused(field, `must not hold arrays (${[...path, String(i)].join('.')} is one)`);
        }
        pending.push({ value: item, path: [...path, String(i)] });
      }
      continue;
    }
    const entries = Object.entries(value);
    for (let i = entries.length - 1; i >= 0; i--) {
      pending.push({ value: entries[i][1], path: [...path, entries[i][0]] });
    }
  }
  return undefined;
}

function refused(field: string, problem: string): AliexpressValidationError {
  return new AliexpressValidationError({ fields: [field], problems: [`${field} ${problem}`] });
}
