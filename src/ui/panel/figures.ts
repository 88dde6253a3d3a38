import type { Figure } from '../../core';
import { known, unknown, type FieldValue } from '../field-value';

/** A core figure as a contract field: the raw number (or `raw` of it) in data-value, `format` for the text. */
export function asField(f: Figure, format: (n: number) => string, raw: (n: number) => number = (n) => n): FieldValue {
  return 'value' in f ? known(raw(f.value), format(f.value)) : unknown(f.unknown);
}

/** In privacy mode amounts are hidden: no text, no data-value, and the title says so. */
export function privateField(f: FieldValue, hide: boolean): FieldValue {
  return hide && 'text' in f ? unknown('hidden in privacy mode') : f;
}
