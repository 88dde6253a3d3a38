import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyOps, diffTree, h, isOps, isTree, TREE_LIMITS, TREE_TAGS, type TreeElement, type TreeNode } from '../../../src/protocol/tree';

const attrName = fc.constantFrom('class', 'title', 'role', 'data-field', 'data-value', 'aria-label', 'hidden');
const text = fc.string({ maxLength: 12 });
const element: fc.Arbitrary<TreeElement> = fc.letrec<{ node: TreeNode; el: TreeElement }>((tie) => ({
  node: fc.oneof({ depthSize: 'small' }, text, tie('el')),
  el: fc.record({ t: fc.constantFrom(...TREE_TAGS), a: fc.dictionary(attrName, text, { maxKeys: 3 }), c: fc.array(tie('node'), { maxLength: 4 }) }),
})).el;

describe('the panel tree', () => {
  it('h() drops false/null/undefined attributes, writes true as empty, joins adjacent text', () => {
    expect(h('span', { class: 'a', hidden: true, title: undefined, 'aria-busy': false, tabindex: 0 }, 'x', false, ['y', null], 'z')).toEqual({
      t: 'span',
      a: { class: 'a', hidden: '', tabindex: '0' },
      c: ['xyz'],
    });
  });

  it('accepts only known tags and attributes: no handlers, URLs or styles', () => {
    expect(isTree(h('div', { class: 'row' }, h('span', { 'data-field': 'x' }, '1')))).toBe(true);
    for (const bad of [
      { t: 'script', a: {}, c: [] },
      { t: 'div', a: { onclick: 'x' }, c: [] },
      { t: 'div', a: { style: 'x' }, c: [] },
      { t: 'div', a: { href: 'javascript:x' }, c: [] },
      { t: 'div', a: { class: 1 }, c: [] },
      { t: 'div', a: {}, c: [{ t: 'img', a: { src: 'x' }, c: [] }] },
      { t: 'div', a: {}, c: 'text' },
      'just text',
      null,
    ]) {
      expect(isTree(bad)).toBe(false);
    }
  });

  it('refuses a tree deeper or larger than the limits', () => {
    let deep: TreeElement = h('div', {});
    for (let i = 0; i < 30; i++) deep = h('div', {}, deep);
    expect(isTree(deep)).toBe(false);
    expect(
      isTree(
        h(
          'div',
          {},
          Array.from({ length: TREE_LIMITS.nodes + 1 }, () => h('span', {})),
        ),
      ),
    ).toBe(false);
  });

  it('the diff of two trees, applied to the first, gives the second and leaves the first as it was', () => {
    fc.assert(
      fc.property(element, element, (a, b) => {
        const before = structuredClone(a);
        const ops = diffTree(a, b);
        expect(isOps(ops)).toBe(true);
        expect(applyOps(a, ops)).toEqual(b);
        expect(a).toEqual(before);
      }),
      { numRuns: 1000 },
    );
  });

  it('a changed figure costs one op, not the whole tree', () => {
    const panel = (v: string) => h('aside', {}, h('div', { class: 'row' }, h('span', { 'data-field': 'mark-price', 'data-value': v }, v)), h('p', {}, 'same'));
    expect(diffTree(panel('1'), panel('2'))).toEqual([
      { p: [0, 0], a: { 'data-field': 'mark-price', 'data-value': '2' } },
      { p: [0, 0, 0], n: '2' },
    ]);
  });

  it('ops that do not fit the tree are refused, not half applied', () => {
    const t = h('div', {}, h('span', {}, 'a'));
    expect(applyOps(t, [{ p: [5], n: 'x' }])).toBeNull();
    expect(applyOps(t, [{ p: [0, 0, 0], n: 'x' }])).toBeNull();
    expect(applyOps(t, [{ p: [0, 0], a: { class: 'x' } }])).toBeNull();
    expect(isOps([{ p: [-1], n: 'x' }])).toBe(false);
    expect(isOps([{ p: [0], a: { onclick: 'x' } }])).toBe(false);
    expect(isOps([{ p: [0], n: { t: 'script', a: {}, c: [] } }])).toBe(false);
  });
});
