// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { BIG, VENUES, baselineOf, dataRows, load, read } from './reader-kit';
// A positions table far bigger than any account shows: the read is complete and right.
describe.each(VENUES)('$venue reader: a very big table', (c) => {
  const baseline = baselineOf(c);

  // happy-dom holds ~9 KB per element: 10 000 real-shaped rows (40 to 80 elements each) would need
  // 4 to 7 GB, so the simulated DOM takes 1 000 and tests/e2e/hostile.e2e.ts reads 10 000 in Chromium.
  it(`a table of ${BIG} rows: read completes with every row, each the page figures`, () => {
    const l = load(c);
    const [long, short] = dataRows(l.anchor);
    if (!long || !short) throw new Error('fixture rows');
    const parent = long.parentElement;
    if (!parent) throw new Error('row parent');
    // The heavy icon markup of real rows adds nothing to reading and only slows the simulated DOM.
    for (const row of [long, short]) for (const svg of Array.from(row.querySelectorAll('svg'))) svg.remove();
    const longFirst = baseline[0]?.side === 'long' ? [long, short] : [short, long];
    const frag = l.doc.createDocumentFragment();
    for (let i = 0; i < BIG - 2; i++) frag.appendChild((longFirst[i % 2] as Element).cloneNode(true));
    parent.appendChild(frag);
    expect(dataRows(l.anchor)).toHaveLength(BIG);
    const t0 = performance.now();
    const anchor = c.reader.findAnchor(l.doc);
    const t1 = performance.now();
    if (!anchor) throw new Error('no anchor on the big page');
    const result = c.reader.read(anchor, l.ctx);
    const t2 = performance.now();
    console.info(`${c.venue}: ${BIG} rows, findAnchor ${(t1 - t0).toFixed(0)} ms, read ${(t2 - t1).toFixed(0)} ms (happy-dom)`);
    expect(result.status).toBe('ok');
    expect(result.rows).toHaveLength(BIG);
    const bySide = new Map(baseline.map((p) => [`${p.symbol}/${p.side}`, p]));
    let ok = 0;
    for (const row of result.rows) {
      if (!row.ok) throw new Error(`unreadable row in the big table: ${row.reason}`);
      expect(row.position).toEqual(bySide.get(`${row.position.symbol}/${row.position.side}`));
      ok++;
    }
    expect(ok).toBe(BIG);
    // The simulated DOM keeps documents alive: drop the rows so the next venue has the memory.
    parent.replaceChildren();
  }, 120_000);
});
