// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { junkIn, nonFiniteIn, snapshotProblems } from './no-junk';

describe('junkIn', () => {
  it('finds NaN, undefined and Infinity in text and attributes, inside shadow roots too', () => {
    const host = document.createElement('div');
    const shadow = host.attachShadow({ mode: 'open' });
    const field = document.createElement('span');
    field.setAttribute('data-field', 'liq-distance');
    field.setAttribute('data-value', 'NaN');
    field.textContent = 'undefined%';
    const other = document.createElement('span');
    other.title = 'age -Infinity';
    shadow.append(field, other);
    expect(junkIn(host)).toHaveLength(3);
  });

  it('lets ordinary words and numbers through', () => {
    const el = document.createElement('p');
    el.textContent = 'Nancy said: 12.5% of infinite patience, undefinedness aside';
    el.setAttribute('data-value', '0.125');
    expect(junkIn(el)).toEqual([]);
  });
});

describe('nonFiniteIn and snapshotProblems', () => {
  it('name the path of a non-finite number and an implausible quote', () => {
    expect(nonFiniteIn({ a: [1, { b: Number.NaN }] })).toEqual(['$.a.1.b = NaN']);
    const quote = { markPrice: 6_000_000, indexPrice: 60_000, lastPrice: null, openInterest: -1 };
    expect(snapshotProblems({ quote, sparkline: { price: [1], oi: [0] } })).toEqual(['open interest -1', 'mark 6000000 is more than 2× off 60000']);
  });
});
