// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import {
  HOSTILE,
  VENUES,
  baselineOf,
  cellsOf,
  dataRows,
  elementCount,
  expectInert,
  expectNoWrongNumber,
  headerCells,
  load,
  read,
  replaceText,
  replaceTitles,
} from './reader-kit';
// Page text with markup in every cell the readers touch comes back as plain strings or an
// unreadable row, never as a wrong number. (Split by file: the simulated DOM keeps its documents.)
describe.each(VENUES)('$venue reader: markup as cell text', (c) => {
  const baseline = baselineOf(c);

  it('reads the untouched e2e page: two positions (the reference for every case below)', () => {
    expect(baseline).toHaveLength(2);
    const l = load(c);
    expect(dataRows(l.anchor)).toHaveLength(2);
    expect(headerCells(l.anchor).length).toBeGreaterThanOrEqual(5);
  });

  it.each(HOSTILE)('markup as text in EVERY cell (%s): no readable row, nothing parsed, plain strings back', (hostile) => {
    const l = load(c);
    for (const row of dataRows(l.anchor)) {
      for (const cell of cellsOf(row)) {
        replaceText(cell, hostile);
        replaceTitles(cell, hostile);
      }
    }
    const before = elementCount(l.doc);
    const result = read(l, c);
    expect(elementCount(l.doc)).toBe(before);
    expect(l.doc.querySelector('script, iframe')).toBeNull();
    expect(result.rows.filter((r) => r.ok)).toEqual([]);
    expectInert(result);
    expect((globalThis as { __pwned?: unknown }).__pwned).toBeUndefined();
  });

  it.each(HOSTILE)('markup as text appended to every cell (%s): rows unreadable or exactly the page figures', (hostile) => {
    const l = load(c);
    for (const row of dataRows(l.anchor)) for (const cell of cellsOf(row)) cell.appendChild(l.doc.createTextNode(hostile));
    const result = read(l, c);
    expectNoWrongNumber(result.rows, baseline, hostile);
    expectInert(result);
  });

  it('markup as text in ONE cell at a time (every cell × every string): never a wrong number', () => {
    const rowsCount = dataRows(load(c).anchor).length;
    let cases = 0;
    for (let r = 0; r < rowsCount; r++) {
      const width = cellsOf(dataRows(load(c).anchor)[r] as Element).length;
      for (let i = 0; i < width; i++) {
        for (const hostile of HOSTILE) {
          const l = load(c);
          const cell = cellsOf(dataRows(l.anchor)[r] as Element)[i] as Element;
          replaceText(cell, hostile);
          const result = read(l, c);
          expectNoWrongNumber(result.rows, baseline, `row ${r} cell ${i} ← ${hostile}`);
          expectInert(result);
          // The other row is untouched: still read, and read right.
          expect(result.rows.filter((x) => x.ok).length).toBeGreaterThanOrEqual(1);
          cases++;
        }
      }
    }
    expect(cases).toBeGreaterThanOrEqual(2 * 5 * HOSTILE.length);
  }, 120_000);

  it.each(HOSTILE)('markup as text in every header caption (%s): no wrong number', (hostile) => {
    const l = load(c);
    for (const h of headerCells(l.anchor)) replaceText(h, hostile);
    const result = read(l, c);
    expectNoWrongNumber(result.rows, baseline, hostile);
    expectInert(result);
  });
});
