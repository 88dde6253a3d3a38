import { fieldTitle, type FieldValue, type Tone } from '../field-value';
import { h, type TreeElement } from '../tree';

/**
 * One figure of the DOM contract as a tree: `data-field`, the raw value in `data-value`, the
 * formatted text as content; an unknown figure has an empty `data-value` and says why in its title.
 */
export function field(name: string, label: string, f: FieldValue, opts: { tone?: Tone | undefined; explain?: string } = {}): TreeElement {
  const isKnown = 'text' in f;
  const title = fieldTitle(f, opts.explain);
  return h(
    'div',
    { class: 'row' },
    h('span', { class: 'label', title, tabindex: title ? 0 : undefined }, label),
    h(
      'span',
      { class: `value${opts.tone ? ` tone-${opts.tone}` : ''}${isKnown ? '' : ' unknown'}`, 'data-field': name, 'data-value': isKnown ? String(f.value) : '', title },
      isKnown ? f.text : '—',
    ),
  );
}
