import type { ComponentChildren } from 'preact';

export type FieldValue = { value: number | string; text: string } | { unknown: string };

interface Props {
  name: string;
  label: string;
  field: FieldValue;
  tone?: 'danger' | 'caution' | 'calm' | undefined;
  hint?: ComponentChildren;
}

/**
 * One figure of the DOM contract: `data-field`, the raw value in `data-value`, the formatted text
 * as content. An unknown figure has an empty `data-value` and says why in its title.
 */
export function Field({ name, label, field, tone, hint }: Props) {
  const known = 'text' in field;
  return (
    <div class="row">
      <span class="label">{label}</span>
      <span
        class={`value${tone ? ` tone-${tone}` : ''}${known ? '' : ' unknown'}`}
        data-field={name}
        data-value={known ? String(field.value) : ''}
        title={known ? undefined : field.unknown}
      >
        {known ? field.text : '—'}
      </span>
      {hint}
    </div>
  );
}

export const unknown = (why: string): FieldValue => ({ unknown: why });
export const known = (value: number | string, text: string): FieldValue => ({ value, text });
