import { WINDOWS, type Window } from '../../venues/market-types';
import { h, type TreeElement } from '../../protocol/tree';

/**
 * The 1h/4h/24h switch: a radio group; the content script handles clicks (`data-action="window"`)
 * and the arrow keys, as radios do.
 */
export function windowSwitch(value: Window): TreeElement {
  return h(
    'span',
    { class: 'window-switch', role: 'radiogroup', 'aria-label': 'Regime window' },
    WINDOWS.map((w) =>
      h(
        'button',
        {
          type: 'button',
          role: 'radio',
          'aria-checked': String(w === value),
          tabindex: w === value ? 0 : -1,
          class: w === value ? 'on' : '',
          'data-action': 'window',
          'data-window': w,
        },
        w,
      ),
    ),
  );
}
