export type FieldValue = { value: number | string; text: string } | { unknown: string };

interface Props {
  name: string;
  label: string;
  field: FieldValue;
  tone?: 'danger' | 'caution' | 'calm' | 'good' | 'bad' | undefined;
  /** What the figure is made of and how old its inputs are: shown on hover and keyboard focus. */
  explain?: string;
}

/**
 * One figure of the DOM contract: `data-field`, the raw value in `data-value`, the formatted text
 * as content. An unknown figure has an empty `data-value` and says why in its title.
 */
export function Field({ name, label, field, tone, explain }: Props) {
  const known = 'text' in field;
  const title = known ? explain : explain ? `${field.unknown} — ${explain}` : field.unknown;
  return (
    <div class="row">
      <span class="label" title={title} tabIndex={title ? 0 : undefined}>
        {label}
      </span>
      <span
        class={`value${tone ? ` tone-${tone}` : ''}${known ? '' : ' unknown'}`}
        data-field={name}
        data-value={known ? String(field.value) : ''}
        title={title}
      >
        {known ? field.text : '—'}
      </span>
    </div>
  );
}

export const unknown = (why: string): FieldValue => ({ unknown: why });
export const known = (value: number | string, text: string): FieldValue => ({ value, text });
