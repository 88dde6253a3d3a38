// Working out a table's layout (which rows count, which cell sits under which caption) is most of a
// read's cost, and between two reads where the page only changed text — a mark price ticking — it
// is the same. The content script numbers the page's layouts (ReadContext.layoutEpoch): it moves on
// whenever an element is added, removed, hidden or shown under the anchor. A layout worked out in
// the same epoch is reused while the element's header text is unchanged too (a caption can change
// by text alone). Without an epoch (tests, a hidden tab's read) nothing is reused.

interface Slot {
  epoch: number;
  print: string;
  value: unknown;
}

const slots = new WeakMap<Element, Map<string, Slot>>();

/** The text a layout depends on: the header cells' and the first row's (a header of plain cells), read natively. */
function headerPrint(el: Element): string {
  let print = el.querySelector('tr, [role="row"]')?.textContent ?? '';
  for (const c of Array.from(el.querySelectorAll('th, [role="columnheader"]'))) print += `\u0001${c.textContent ?? ''}`;
  return print;
}

/** `compute()` for `el`, or the value it gave in this layout epoch (`key` names what was computed). */
export function byLayout<T>(el: Element, key: string, epoch: number | undefined, compute: () => T): T {
  if (epoch === undefined) return compute();
  const print = headerPrint(el);
  let map = slots.get(el);
  const slot = map?.get(key);
  if (slot && slot.epoch === epoch && slot.print === print) return slot.value as T;
  const value = compute();
  if (!map) slots.set(el, (map = new Map()));
  map.set(key, { epoch, print, value });
  return value;
}
