// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { createRenderer } from '../../../src/content/patch';
import { h } from '../../../src/protocol/tree';

// The shadow root is open, so a page can write into the panel: the next render must put back every
// figure it changed, while the renderer's own writes are not taken for tampering.
const panel = (mark: string) =>
  h(
    'div',
    { class: 'panel' },
    h('span', { 'data-field': 'mark-price', 'data-value': mark }, mark),
    h('span', { 'data-field': 'liq-distance', 'data-value': '0.06' }, '6.00%'),
  );

const settle = () => new Promise((r) => setTimeout(r, 0));

/** A renderer in a fresh container, with the first panel drawn. */
function rendered() {
  const container = document.createElement('div');
  document.body.appendChild(container);
  const r = createRenderer(container);
  r.render(panel('100'));
  return { container, r };
}

describe('createRenderer', () => {
  it('renders successive trees and repairs what the page changed in between', async () => {
    const { container, r } = rendered();
    expect(container.innerHTML).toBe(
      '<div class="panel"><span data-field="mark-price" data-value="100">100</span><span data-field="liq-distance" data-value="0.06">6.00%</span></div>',
    );
    const before = container.innerHTML;

    const dist = container.querySelector('[data-field="liq-distance"]') as HTMLElement;
    dist.setAttribute('data-value', '0.5');
    (dist.firstChild as Text).data = '50.00%';
    await settle();
    r.render(panel('100'));
    expect(container.innerHTML).toBe(before);

    // Tampering noticed only at render time (no task in between) is repaired too.
    dist.textContent = 'hacked';
    r.render(panel('101'));
    expect(container.querySelector('[data-field="liq-distance"]')?.textContent).toBe('6.00%');
    expect(container.querySelector('[data-field="mark-price"]')?.getAttribute('data-value')).toBe('101');

    // The renderer's own writes are not tampering: an unchanged tree touches nothing.
    const seen: MutationRecord[] = [];
    const spy = new MutationObserver((rs) => seen.push(...rs));
    spy.observe(container, { subtree: true, childList: true, attributes: true, characterData: true });
    r.render(panel('101'));
    await settle();
    expect(seen).toEqual([]);
    spy.disconnect();
    r.stop();
  });
});

describe('createRenderer.tampered', () => {
  it('says whether the page wrote into the panel since the last render', async () => {
    const { container, r } = rendered();
    expect(r.tampered()).toBe(false);
    container.querySelector('[data-field="mark-price"]')?.setAttribute('data-value', '1');
    expect(r.tampered()).toBe(true);
    await settle();
    expect(r.tampered()).toBe(true);
    r.render(panel('100'));
    expect(r.tampered()).toBe(false);
    expect(container.querySelector('[data-field="mark-price"]')?.getAttribute('data-value')).toBe('100');
    r.stop();
  });
});
