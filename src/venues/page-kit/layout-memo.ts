// Working out a table's layout (which rows count, which cell sits under which caption) is most of a
// read's cost, and between two reads where the page only changed text — a mark price ticking — it
// is the same. The content script numbers the page's layouts (ReadContext.layoutEpoch): it moves on
// whenever an element is added, removed, hidden or shown under the anchor. A layout worked out in
// the same epoch is reused while the element's header text is unchanged too (a caption can change
// by text alone). Without an epoch (tests, a hidden tab's read) nothing is reused.

interface Slot {
  epoch: number;
  /** The elements whose text the layout depends on: the same elements while the epoch stays. */
  headers: Element[];
  print: string;
  value: unknown;
}

const slots = new WeakMap<Element, Map<string, Slot>>();

/** The header cells and the first row (a header of plain cells): their text decides the columns. */
function headerElements(el: Element): Element[] {
  const first = el.querySelector('tr, [role="row"]');
  return [...(first ? [first] : []), ...Array.from(el.querySelectorAll('th, [role="columnheader"]'))];
}

const printOf = (headers: readonly Element[]): string => headers.map((h) => h.textContent ?? '').join('\u0001');

/**
 * `compute()` for `el`, or the value it gave in this layout epoch (`key` names what was computed).
 * `heads` names header rows the tags do not show (a grid of plain elements: div-grid.ts).
 */
export function byLayout<T>(el: Element, key: string, epoch: number | undefined, compute: () => T, heads?: (value: T) => Element[]): T {
  if (epoch === undefined) return compute();
  let map = slots.get(el);
  const slot = map?.get(key);
  // No element came or went in this epoch, so the header elements found then are still the ones.
  if (slot && slot.epoch === epoch && slot.print === printOf(slot.headers)) return slot.value as T;
  const value = compute();
  const headers = [...headerElements(el), ...(heads?.(value) ?? [])];
  if (!map) slots.set(el, (map = new Map()));
  map.set(key, { epoch, headers, print: printOf(headers), value });
  return value;
}
