import { fieldTitle, type FieldValue, type Tone } from '../field-value';
import { h, type TreeElement } from '../../protocol/tree';

interface FieldOpts {
  tone?: Tone | undefined;
  explain?: string;
  /** Extra classes on the value. */
  cls?: string;
  /** Text shown instead of the formatted value (the raw value stays in data-value): "Pays 9.00 USDT/day". */
  text?: string;
  /** More `data-` attributes of the figure (a share's 4 h change: `data-change-4h`). */
  data?: Record<string, string>;
}

/**
 * One figure of the DOM contract as a value alone: `data-field`, the raw value in `data-value`, the
 * formatted text as content; an unknown figure has an empty `data-value` and says why in its title.
 */
export function fieldValue(name: string, f: FieldValue, opts: FieldOpts = {}): TreeElement {
  const isKnown = 'text' in f;
  const title = fieldTitle(f, opts.explain);
  return h(
    'span',
    {
      class: `value${opts.cls ? ` ${opts.cls}` : ''}${opts.tone ? ` tone-${opts.tone}` : ''}${isKnown ? '' : ' unknown'}`,
      'data-field': name,
      'data-value': isKnown ? String(f.value) : '',
      title,
      tabindex: title ? 0 : undefined,
      ...opts.data,
    },
    isKnown ? (opts.text ?? f.text) : '—',
  );
}

/** A figure with its label, as a row of the details. */
export function field(name: string, label: string, f: FieldValue, opts: FieldOpts = {}): TreeElement {
  return h('div', { class: 'row' }, h('span', { class: 'label' }, label), fieldValue(name, f, opts));
}
