// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { changesLayout, watchAnchor } from '../../../src/content/watch-anchor';

// What moves the layout epoch on (ReadContext.layoutEpoch): the readers reuse a table's layout while
// it stays, so anything that adds, removes, hides or shows an element must move it.
async function recordsOf(change: (root: HTMLElement) => void): Promise<MutationRecord[]> {
  const root = document.createElement('div');
  root.innerHTML = '<table><tr><th>Size</th><td style="">1.5</td></tr></table>';
  document.body.appendChild(root);
  const out: MutationRecord[] = [];
  const observer = new MutationObserver((rs) => out.push(...rs));
  observer.observe(root, {
    childList: true,
    subtree: true,
    characterData: true,
    attributes: true,
    attributeFilter: ['data-side', 'title', 'style', 'aria-hidden', 'hidden'],
  });
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

describe('watchAnchor while the tab is hidden', () => {
  let hidden = false;
  Object.defineProperty(document, 'hidden', { configurable: true, get: () => hidden });
  const setHidden = (h: boolean) => {
    hidden = h;
    document.dispatchEvent(new Event('visibilitychange'));
  };
  const settle = (ms = 30) => new Promise((r) => setTimeout(r, ms));

  it('reads nothing and observes nothing while hidden, then reads once afresh when shown', async () => {
    const anchor = document.createElement('div');
    anchor.innerHTML = '<span>60000.1</span>';
    document.body.appendChild(anchor);
    const reads: number[] = [];
    // Every observer callback the page pays for, counted while the tab is hidden.
    let callbacksWhileHidden = 0;
    const Native = globalThis.MutationObserver;
    globalThis.MutationObserver = class extends Native {
      constructor(cb: MutationCallback) {
        super((records, observer) => {
          if (hidden) callbacksWhileHidden++;
          cb(records, observer);
        });
      }
    };
    const watch = watchAnchor({ find: () => anchor, onRead: (_a, epoch) => reads.push(epoch), coalesceMs: 5 });
    await settle();
    expect(reads.length).toBe(1);
    const span = anchor.querySelector('span') as HTMLElement;
    span.textContent = '60000.2';
    await settle();
    expect(reads.length).toBe(2);
    const epochBefore = reads[1];

    setHidden(true);
    span.textContent = '60000.3';
    anchor.appendChild(document.createElement('p'));
    watch.poll();
    watch.poke();
    await settle();
    expect(reads.length).toBe(2);
    expect(callbacksWhileHidden).toBe(0);

    setHidden(false);
    await settle();
    expect(reads.length).toBe(3);
    // Rows may have come and gone unseen: the layout the readers remembered is not trusted.
    expect(reads[2]).not.toBe(epochBefore);
    span.textContent = '60000.4';
    await settle();
    expect(reads.length).toBe(4);
    watch.stop();
    anchor.remove();
    globalThis.MutationObserver = Native;
  });
});
