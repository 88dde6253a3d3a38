import { fieldTitle, type FieldValue, type Tone } from './field-value';

interface Props {
  name: string;
  field: FieldValue;
  tone?: Tone | undefined;
  /** What the figure is made of: shown on hover and keyboard focus. */
  explain?: string | undefined;
  /** Extra classes on the value. */
  cls?: string;
  /** More `data-` attributes of the figure (a share's 4 h change: `data-change-4h`). */
  data?: Record<string, string>;
}

/**
 * One figure of the DOM contract without a label of its own (a table cell or a line of a card says
 * what it is): `data-field`, the raw value in `data-value`, the formatted text as content; an unknown
 * figure has an empty `data-value`, shows "—" and says why in its title, reachable by keyboard.
 */
export function Value({ name, field, tone, explain, cls, data }: Props) {
  const isKnown = 'text' in field;
  const title = fieldTitle(field, explain);
  return (
    <span
      class={`value${cls ? ` ${cls}` : ''}${tone ? ` tone-${tone}` : ''}${isKnown ? '' : ' unknown'}`}
      data-field={name}
      data-value={isKnown ? String(field.value) : ''}
      title={title}
      tabIndex={isKnown ? undefined : 0}
      {...data}
    >
      {isKnown ? field.text : '—'}
    </span>
  );
}
