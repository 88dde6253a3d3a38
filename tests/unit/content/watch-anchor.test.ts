// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { changesLayout } from '../../../src/content/watch-anchor';

// What moves the layout epoch on (ReadContext.layoutEpoch): the readers reuse a table's layout while
// it stays, so anything that adds, removes, hides or shows an element must move it.
async function recordsOf(change: (root: HTMLElement) => void): Promise<MutationRecord[]> {
  const root = document.createElement('div');
  root.innerHTML = '<table><tr><th>Size</th><td style="">1.5</td></tr></table>';
  document.body.appendChild(root);
  const out: MutationRecord[] = [];
  const observer = new MutationObserver((rs) => out.push(...rs));
  observer.observe(root, { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ['data-side', 'title', 'style', 'aria-hidden', 'hidden'] });
  change(root);
  await new Promise((r) => setTimeout(r, 0));
  out.push(...observer.takeRecords());
  observer.disconnect();
  root.remove();
  return out;
}

const td = (root: HTMLElement): HTMLElement => root.querySelector('td') as HTMLElement;

describe('changesLayout', () => {
  it.each([
    ['a price written as text data', (r: HTMLElement) => ((td(r).firstChild as Text).data = '2.5')],
    ['a price written with textContent (a text node swapped)', (r: HTMLElement) => (td(r).textContent = '2.5')],
    ['a value in a title', (r: HTMLElement) => td(r).setAttribute('title', '2.5')],
    ['a side in data-side', (r: HTMLElement) => td(r).setAttribute('data-side', 'short')],
  ])('keeps the layout: %s', async (_what, change) => {
    const records = await recordsOf(change);
    expect(records.length).toBeGreaterThan(0);
    expect(records.some(changesLayout)).toBe(false);
  });

  it.each([
    ['a row added', (r: HTMLElement) => r.querySelector('tbody, table')?.appendChild(document.createElement('tr'))],
    ['a cell removed', (r: HTMLElement) => td(r).remove()],
    ['an element put into a cell', (r: HTMLElement) => td(r).appendChild(document.createElement('span'))],
    ['a cell hidden by style', (r: HTMLElement) => td(r).setAttribute('style', 'display:none')],
    ['a cell hidden by attribute', (r: HTMLElement) => td(r).setAttribute('hidden', '')],
    ['a cell hidden from assistive tech', (r: HTMLElement) => td(r).setAttribute('aria-hidden', 'true')],
  ])('moves the layout on: %s', async (_what, change) => {
    const records = await recordsOf(change);
    expect(records.some(changesLayout)).toBe(true);
  });
});
