/** One figure: its raw value and formatted text, or why it is unknown. */
export type FieldValue = { value: number | string; text: string } | { unknown: string };

export type Tone = 'danger' | 'caution' | 'calm' | 'good' | 'bad';

export const unknown = (why: string): FieldValue => ({ unknown: why });
export const known = (value: number | string, text: string): FieldValue => ({ value, text });

/** What a figure's title says: its explanation, and first why it is unknown when it is. */
export function fieldTitle(field: FieldValue, explain: string | undefined): string | undefined {
  if ('text' in field) return explain;
  return explain ? `${field.unknown} — ${explain}` : field.unknown;
}
