import { fieldTitle, type FieldValue, type Tone } from './field-value';
import { Value } from './Value';

export { known, unknown, type FieldValue } from './field-value';

interface Props {
  name: string;
  label: string;
  field: FieldValue;
  tone?: Tone | undefined;
  /** What the figure is made of and how old its inputs are: shown on hover and keyboard focus. */
  explain?: string;
}

/**
 * One figure of the DOM contract (popup): `data-field`, the raw value in `data-value`, the formatted
 * text as content. An unknown figure has an empty `data-value` and says why in its title. The
 * panel builds the same markup as a tree (src/ui/panel/field.ts).
 */
export function Field({ name, label, field, tone, explain }: Props) {
  const title = fieldTitle(field, explain);
  return (
    <div class="row">
      <span class="label" title={title} tabIndex={title ? 0 : undefined}>
        {label}
      </span>
      <Value name={name} field={field} tone={tone} explain={explain} />
    </div>
  );
}
