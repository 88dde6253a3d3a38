// @vitest-environment happy-dom
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { binancePage } from '../../src/venues/binance/page';
import { bybitPage } from '../../src/venues/bybit/page';
import { dydxPage } from '../../src/venues/dydx/page';
import { hyperliquidPage } from '../../src/venues/hyperliquid/page';
import { okxPage } from '../../src/venues/okx/page';
import { pageLocale } from '../../src/venues/page-kit/locale';
import type { ReadContext, VenuePageReader } from '../../src/venues/page-reader-types';
import { Window } from 'happy-dom';
import { fixturesIn } from './harness';

// The content script reads with a layout epoch (ReadContext.layoutEpoch), which lets the readers
// reuse a table's layout and a row's steady cells between reads. Whatever the page changes, a read
// that reuses must equal a read from scratch: text edits anywhere under the anchor (the mark, the
// size, a caption) in one epoch; elements removed with the epoch moved on; the contract value
// changing under the same text.

const READERS: Record<string, { reader: VenuePageReader; url: string }> = {
  binance: { reader: binancePage, url: 'https://www.binance.com/en/futures/BTCUSDT' },
  bybit: { reader: bybitPage, url: 'https://www.bybit.com/trade/usdt/BTCUSDT' },
  okx: { reader: okxPage, url: 'https://www.okx.com/trade-swap/btc-usdt-swap' },
  hyperliquid: { reader: hyperliquidPage, url: 'https://app.hyperliquid.xyz/trade/BTC' },
  dydx: { reader: dydxPage, url: 'https://dydx.trade/trade/BTC-USD' },
};

type Edit = { kind: 'text'; pick: number; text: string } | { kind: 'remove'; pick: number } | { kind: 'contract' };

const EDIT: fc.Arbitrary<Edit> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('text' as const),
      pick: fc.nat(),
      text: fc.oneof(
        fc.stringMatching(/^-?\d{1,3}(,\d{3})*(\.\d{1,4})?( USDT| BTC|x|%)?$/),
        fc.constantFrom('--', '', 'Long', 'Short', 'Cross', 'Isolated', 'Mark Price', 'Size'),
      ),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('remove' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'contract' as const }) },
);

function textNodes(root: Node): Text[] {
  const out: Text[] = [];
  const walk = (n: Node): void => {
    if (n.nodeType === 3 && (n.nodeValue ?? '').trim() !== '') out.push(n as Text);
    n.childNodes.forEach(walk);
  };
  walk(root);
  return out;
}

const cases = Object.entries(READERS).flatMap(([venue, r]) =>
  readdirSync(join(process.cwd(), 'tests/pages', venue))
    .filter((f) => f.endsWith('.html'))
    .map((f) => ({ venue, file: f, ...r })),
);

describe('reads that reuse a layout equal reads from scratch', () => {
  it.each(cases)('$venue $file', async ({ venue, file, reader, url }) => {
    const html = fixturesIn(venue)(file);
    await fc.assert(
      fc.asyncProperty(fc.array(EDIT, { minLength: 1, maxLength: 12 }), async (edits) => {
        // A window per case, closed after it: documents parsed into one window stay until it closes.
        const window = new Window();
        try {
          const doc = new window.DOMParser().parseFromString(html, 'text/html') as unknown as Document;
          const anchor = reader.findAnchor(doc);
          if (anchor) readAndEdit(reader, url, doc, anchor, edits);
        } finally {
          await window.happyDOM.close();
        }
      }),
      { numRuns: 25 },
    );
  });
});

function readAndEdit(reader: VenuePageReader, url: string, doc: Document, anchor: Element, edits: Edit[]): void {
  let epoch = 1;
  let contract = 1;
  const u = new URL(url);
  const ctx = (layoutEpoch?: number): ReadContext => ({
    layoutEpoch,
    locale: pageLocale(u, doc),
    urlSymbol: reader.matchUrl(u) ?? '',
    contractValue: () => contract,
  });
  expect(reader.read(anchor, ctx(epoch))).toEqual(reader.read(anchor, ctx()));
  for (const e of edits) {
    if (e.kind === 'text') {
      const nodes = textNodes(anchor);
      const node = nodes[e.pick % Math.max(1, nodes.length)];
      if (node) node.nodeValue = e.text;
    } else if (e.kind === 'remove') {
      const els = Array.from(anchor.querySelectorAll('tr, td, th, [role="row"], [role="cell"], div, span'));
      els[e.pick % Math.max(1, els.length)]?.remove();
      epoch++;
    } else contract = contract === 1 ? 0.01 : 1;
    expect(reader.read(anchor, ctx(epoch))).toEqual(reader.read(anchor, ctx()));
  }
}
