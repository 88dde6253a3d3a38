import fc from 'fast-check';
import { parseNumber } from '../../src/core/numbers';
import type { Side } from '../../src/core/types';
import { binancePage } from '../../src/venues/binance/page';
import { bybitPage } from '../../src/venues/bybit/page';
import { dydxPage } from '../../src/venues/dydx/page';
import { hyperliquidPage } from '../../src/venues/hyperliquid/page';
import { okxPage } from '../../src/venues/okx/page';
import { pageLocale } from '../../src/venues/page-kit/locale';
import type { PageRead, ReadContext, VenuePageReader } from '../../src/venues/page-reader-types';
import type { Position } from '../../src/venues/position-types';
import { deepEqual } from './deep-equal';
import { fail, nonFinitePaths, type Target } from './target';

// Page readers against their own fixtures: the e2e-long-short page of each venue (a long row and a
// short row, as the venue renders them) with random but self-consistent figures written into the
// cells in the venue's format, then read. Mutated copies (junk in a cell, a cell dropped, two cells
// swapped, an extra column, a repeated header, script markup) must never make the reader throw,
// never put NaN/Infinity in its output, and never produce an ok row with a figure no cell shows.

// The properties are plain DOM code; where the DOM and the fixture files come from is the
// caller's: the unit run and `npm run fuzz -- --dom happy-dom` use happy-dom in Node
// (page-env-node.ts), `npm run fuzz` runs them inside headless Chromium with its native DOMParser
// (page-env-browser.ts, bundled by scripts/fuzz-chromium.ts).

/** A DOM to parse documents in. */
export interface PageDom {
  /** A whole HTML document, parsed. */
  parse(html: string): Document;
  /**
   * Called before every case. True when the DOM was replaced (happy-dom closes its window every
   * few dozen documents to bound memory): documents parsed before are not to be used any more.
   */
  beforeCase(): Promise<boolean> | boolean;
}

export interface PageEnv {
  dom: PageDom;
  /** The text of a file under tests/pages/, by its path there ('binance/e2e-long-short.html'). */
  fixture(path: string): string;
}

type Field = 'size' | 'entry' | 'mark' | 'liq' | 'margin' | 'leverage' | 'pnl';
const FIELDS: readonly Field[] = ['size', 'entry', 'mark', 'liq', 'margin', 'leverage', 'pnl'];
const KEY: Record<Field, 'size' | 'entryPrice' | 'markPrice' | 'liqPrice' | 'margin' | 'leverage' | 'unrealizedPnl'> = {
  size: 'size',
  entry: 'entryPrice',
  mark: 'markPrice',
  liq: 'liqPrice',
  margin: 'margin',
  leverage: 'leverage',
  pnl: 'unrealizedPnl',
};

interface Figures {
  side: Side;
  size: number;
  entry: number;
  mark: number;
  liq: number | null;
  margin: number;
  leverage: number;
  pnl: number;
}

interface FieldSpec {
  /** The text node (trimmed) that holds this figure in the fixture's row. */
  text: string;
  format(f: Figures): string;
  /** dYdX: the `<output title>` with the raw value. */
  title?(f: Figures): string;
}

interface RowSpec {
  side: Side;
  sizeDecimals: number;
  fields: Record<Field, FieldSpec>;
}

interface VenueSpec {
  name: string;
  reader: VenuePageReader;
  fixture: string;
  url: string;
  contractValue: ReadContext['contractValue'];
  /** Cells carry the raw value in a title too (dYdX): a cell whose text is junk may still be read from it. */
  titles: boolean;
  /** The venue shows "--" for a position without a liquidation price. */
  dashLiq: boolean;
  /** The margin mode is read from the margin cell's text only ("$1,475.00 (Isolated)"). */
  modeInMargin: boolean;
  rows: [RowSpec, RowSpec];
}

/** One formatter per digit range: making an Intl.NumberFormat costs more than formatting with it. */
const formats = new Map<string, Intl.NumberFormat>();
function fmt(v: number, min: number, max = min): string {
  const key = `${min}-${max}`;
  let f = formats.get(key);
  if (!f) {
    f = new Intl.NumberFormat('en-US', { minimumFractionDigits: min, maximumFractionDigits: max });
    formats.set(key, f);
  }
  return f.format(v);
}
const price = (f: Figures, v: number | null): string => (v === null ? '--' : fmt(v, 2));
const signed = (v: number, unit: string): string => `${v < 0 ? '-' : '+'}${fmt(Math.abs(v), 2)}${unit}`;

function perpRow(
  side: Side,
  o: { entry: string; mark: string; liq: string; margin: string; pnl: string; size: string; leverage: string },
  sizeText: (f: Figures) => string,
  lev: (v: number) => string,
  sizeDecimals: number,
): RowSpec {
  return {
    side,
    sizeDecimals,
    fields: {
      size: { text: o.size, format: sizeText },
      entry: { text: o.entry, format: (f) => price(f, f.entry) },
      mark: { text: o.mark, format: (f) => price(f, f.mark) },
      liq: { text: o.liq, format: (f) => price(f, f.liq) },
      margin: { text: o.margin, format: (f) => `${fmt(f.margin, 2)} USDT` },
      leverage: { text: o.leverage, format: (f) => lev(f.leverage) },
      pnl: { text: o.pnl, format: (f) => signed(f.pnl, ' USDT') },
    },
  };
}

const BINANCE: VenueSpec = {
  name: 'binance',
  reader: binancePage,
  fixture: 'binance/e2e-long-short.html',
  url: 'https://www.binance.com/en/futures/BTCUSDT',
  contractValue: () => null,
  titles: false,
  dashLiq: true,
  modeInMargin: false,
  rows: [
    perpRow(
      'long',
      { size: '0.500 BTC', entry: '59,000.00', mark: '60,000.12', liq: '56,300.50', margin: '1,475.00 USDT', pnl: '+500.06 USDT', leverage: '20x' },
      (f) => `${fmt(f.size, 3)} BTC`,
      (v) => `${v}x`,
      3,
    ),
    perpRow(
      'short',
      { size: '-0.300 BTC', entry: '61,000.00', mark: '60,000.12', liq: '63,800.00', margin: '915.00 USDT', pnl: '+299.96 USDT', leverage: '20x' },
      (f) => `-${fmt(f.size, 3)} BTC`,
      (v) => `${v}x`,
      3,
    ),
  ],
};

const BYBIT: VenueSpec = {
  name: 'bybit',
  reader: bybitPage,
  fixture: 'bybit/e2e-long-short.html',
  url: 'https://www.bybit.com/trade/usdt/BTCUSDT',
  contractValue: () => null,
  titles: false,
  dashLiq: true,
  modeInMargin: false,
  rows: [
    perpRow(
      'long',
      { size: '0.500', entry: '59,000.00', mark: '60,000.12', liq: '56,300.50', margin: '1,475.00 USDT', pnl: '+500.06 USDT', leverage: '20.00x' },
      (f) => fmt(f.size, 3),
      (v) => `${fmt(v, 2)}x`,
      3,
    ),
    perpRow(
      'short',
      { size: '-0.300', entry: '61,000.00', mark: '60,000.12', liq: '63,800.00', margin: '915.00 USDT', pnl: '+299.96 USDT', leverage: '20.00x' },
      (f) => `-${fmt(f.size, 3)}`,
      (v) => `${fmt(v, 2)}x`,
      3,
    ),
  ],
};

const OKX: VenueSpec = {
  name: 'okx',
  reader: okxPage,
  fixture: 'okx/e2e-long-short.html',
  url: 'https://www.okx.com/trade-swap/btc-usdt-swap',
  contractValue: () => null,
  titles: false,
  dashLiq: true,
  modeInMargin: false,
  rows: [
    perpRow(
      'long',
      { size: '0.5 BTC', entry: '59,000.00', mark: '60,000.12', liq: '56,300.50', margin: '1,475.00 USDT', pnl: '+500.06 USDT', leverage: '20.00x' },
      (f) => `${fmt(f.size, 0, 4)} BTC`,
      (v) => `${fmt(v, 2)}x`,
      4,
    ),
    perpRow(
      'short',
      { size: '0.3 BTC', entry: '61,000.00', mark: '60,000.12', liq: '63,800.00', margin: '915.00 USDT', pnl: '+299.96 USDT', leverage: '20.00x' },
      (f) => `${fmt(f.size, 0, 4)} BTC`,
      (v) => `${fmt(v, 2)}x`,
      4,
    ),
  ],
};

function hlRow(
  side: Side,
  asset: string,
  sizeDecimals: number,
  o: { size: string; entry: string; mark: string; liq: string; margin: string; pnl: string },
): RowSpec {
  return {
    side,
    sizeDecimals,
    fields: {
      size: { text: o.size, format: (f) => `${fmt(f.size, sizeDecimals)} ${asset}` },
      entry: { text: o.entry, format: (f) => price(f, f.entry) },
      mark: { text: o.mark, format: (f) => price(f, f.mark) },
      liq: { text: o.liq, format: (f) => price(f, f.liq) },
      margin: { text: o.margin, format: (f) => `$${fmt(f.margin, 2)} (Isolated)` },
      leverage: { text: '20x', format: (f) => `${f.leverage}x` },
      pnl: { text: o.pnl, format: (f) => `${f.pnl < 0 ? '-' : '+'}$${fmt(Math.abs(f.pnl), 2)} (+12.3%)` },
    },
  };
}

const HYPERLIQUID: VenueSpec = {
  name: 'hyperliquid',
  reader: hyperliquidPage,
  fixture: 'hyperliquid/e2e-long-short.html',
  url: 'https://app.hyperliquid.xyz/trade/BTC',
  contractValue: () => 1,
  titles: false,
  dashLiq: true,
  modeInMargin: true,
  rows: [
    hlRow('long', 'BTC', 5, {
      size: '0.50000 BTC',
      entry: '59,000.00',
      mark: '60,000.12',
      liq: '56,300.50',
      margin: '$1,475.00 (Isolated)',
      pnl: '+$500.06 (+33.9%)',
    }),
    hlRow('short', 'ETH', 4, {
      size: '2.0000 ETH',
      entry: '3,050.00',
      mark: '2,986.30',
      liq: '3,180.00',
      margin: '$305.00 (Isolated)',
      pnl: '+$127.40 (+41.8%)',
    }),
  ],
};

const usd = (v: number | null): string => (v === null ? ' USD' : `${v} USD`);

function dydxRow(side: Side, sizeDecimals: number, o: { size: string; entry: string; mark: string; liq: string; margin: string; pnl: string }): RowSpec {
  return {
    side,
    sizeDecimals,
    fields: {
      size: { text: o.size, format: (f) => fmt(f.size, sizeDecimals), title: (f) => String(side === 'short' ? -f.size : f.size) },
      entry: { text: o.entry, format: (f) => `$${price(f, f.entry)}`, title: (f) => usd(f.entry) },
      // The mark's "$" is a text node of its own (React's "$<!-- -->60,000.12").
      mark: { text: o.mark, format: (f) => price(f, f.mark), title: (f) => usd(f.mark) },
      liq: { text: o.liq, format: (f) => `$${price(f, f.liq)}`, title: (f) => usd(f.liq) },
      margin: { text: o.margin, format: (f) => `$${fmt(f.margin, 2)}`, title: (f) => usd(f.margin) },
      leverage: { text: '20×', format: (f) => `${f.leverage}×`, title: (f) => `${f.leverage}×` },
      pnl: { text: o.pnl, format: (f) => `${f.pnl < 0 ? '\u2212' : ''}$${fmt(Math.abs(f.pnl), 2)}`, title: (f) => usd(f.pnl) },
    },
  };
}

const DYDX: VenueSpec = {
  name: 'dydx',
  reader: dydxPage,
  fixture: 'dydx/e2e-long-short.html',
  url: 'https://dydx.trade/trade/BTC-USD',
  contractValue: () => null,
  titles: true,
  dashLiq: false,
  modeInMargin: false,
  rows: [
    dydxRow('long', 4, { size: '0.5000', entry: '$59,000.00', mark: '60,000.12', liq: '$56,300.50', margin: '$1,475.00', pnl: '$500.06' }),
    dydxRow('short', 3, { size: '2.000', entry: '$3,050.00', mark: '2,986.30', liq: '$3,180.00', margin: '$305.00', pnl: '$127.40' }),
  ],
};

export const VENUES: readonly VenueSpec[] = [BINANCE, BYBIT, OKX, HYPERLIQUID, DYDX];

const expectedFile = (fixture: string): string => fixture.replace(/\.html$/, '.expected.json');

/** Every file under tests/pages/ the page targets read through PageEnv.fixture. */
export const PAGE_FIXTURES: readonly string[] = VENUES.flatMap((v) => [v.fixture, expectedFile(v.fixture)]);

// ---------------------------------------------------------------------------------------------
// The page: only the reader's anchor of the fixture, in a document of the fixture's language, so a
// case parses a few kB rather than the whole saved page (checked against the fixture's expected read).

interface Prepared {
  spec: VenueSpec;
  html: string;
  url: URL;
  /** The fixture's expected positions (long row, short row): what no case changes (symbol, mode…). */
  base: [Position, Position];
}

/** One environment's state, shared by its targets. */
interface Session {
  env: PageEnv;
  prepared: Map<string, Prepared>;
  /** Each venue's page parsed once per DOM; a case clones it (cheaper than parsing again). */
  pages: Map<string, Document>;
}

async function startCase(s: Session): Promise<void> {
  if (await s.env.dom.beforeCase()) s.pages.clear();
}

function context(spec: VenueSpec, url: URL, doc: Document): ReadContext {
  return { locale: pageLocale(url, doc), urlSymbol: spec.reader.matchUrl(url) ?? '', contractValue: spec.contractValue };
}

function prepare(s: Session, spec: VenueSpec): Prepared {
  const cached = s.prepared.get(spec.name);
  if (cached) return cached;
  const parse = (html: string): Document => s.env.dom.parse(html);
  const full = parse(s.env.fixture(spec.fixture));
  const anchor = spec.reader.findAnchor(full);
  if (!anchor) return fail(`${spec.name}: fixture has no anchor`);
  const lang = full.documentElement.getAttribute('lang') ?? 'en';
  // Icon paths are most of the markup and none of the reading (checked just below).
  const body = anchor.outerHTML.replace(/ d="[^"]*"/g, '');
  const html = `<!doctype html><html lang="${lang}"><head><title>t</title></head><body>${body}</body></html>`;
  const expected = JSON.parse(s.env.fixture(expectedFile(spec.fixture))) as PageRead;
  const url = new URL(spec.url);
  const mini = parse(html);
  const miniAnchor = spec.reader.findAnchor(mini);
  if (miniAnchor !== mini.body.firstElementChild) fail(`${spec.name}: the anchor of the reduced page is not its body's first element`);
  const read = miniAnchor ? spec.reader.read(miniAnchor, context(spec, url, mini)) : null;
  if (!deepEqual(read, expected)) fail(`${spec.name}: the anchor alone does not read like the fixture`, read);
  const positions = expected.rows.map((r) => (r.ok ? r.position : fail(`${spec.name}: fixture row not ok`)));
  const [long, short] = positions;
  if (!long || !short || long.side !== 'long' || short.side !== 'short') return fail(`${spec.name}: fixture rows are not long, short`);
  const p: Prepared = { spec, html, url, base: [long, short] };
  s.prepared.set(spec.name, p);
  return p;
}

function textNodes(root: Node): Text[] {
  const out: Text[] = [];
  const walk = (n: Node): void => {
    if (n.nodeType === 3) out.push(n as Text);
    // Siblings rather than childNodes: a live NodeList per node is the slow path in Chromium.
    for (let c = n.firstChild; c; c = c.nextSibling) walk(c);
  };
  walk(root);
  return out;
}

interface Built {
  doc: Document;
  anchor: Element;
  ctx: ReadContext;
  /** Per row: the row element and each figure's text node. */
  rows: { el: Element; nodes: Record<Field, Text> }[];
}

const cellOf = (n: Node): Element => {
  const el = n.parentElement?.closest('td, th, [role="cell"], [role="gridcell"]');
  return el ?? fail('figure outside a cell');
};

/** The fixture page with `figures` written into its two rows. */
function build(s: Session, p: Prepared, figures: [Figures, Figures]): Built {
  let page = s.pages.get(p.spec.name);
  if (!page) {
    page = s.env.dom.parse(p.html);
    s.pages.set(p.spec.name, page);
  }
  const doc = page.cloneNode(true) as Document;
  // prepare() checked that this is where findAnchor finds it; mutated pages look it up again.
  const anchor = doc.body.firstElementChild ?? fail(`${p.spec.name}: no anchor`);
  const trs = Array.from(doc.querySelectorAll('tr'));
  const rows = p.spec.rows.map((rowSpec, i) => {
    const el =
      trs.find((tr) => textNodes(tr).some((t) => (t.nodeValue ?? '').trim() === rowSpec.fields.entry.text)) ?? fail(`${p.spec.name}: row ${i} not found`);
    const all = textNodes(el);
    const f = figures[i] ?? fail('figures');
    const nodes = {} as Record<Field, Text>;
    for (const field of FIELDS) {
      const spec = rowSpec.fields[field];
      const hits = all.filter((t) => (t.nodeValue ?? '').trim() === spec.text);
      const node = hits.length === 1 ? hits[0] : undefined;
      if (!node) return fail(`${p.spec.name}: row ${i} ${field} "${spec.text}" found ${hits.length} times`);
      node.nodeValue = spec.format(f);
      if (spec.title) {
        const output = node.parentElement?.closest('output') ?? fail(`${p.spec.name}: ${field} has no output`);
        output.setAttribute('title', spec.title(f));
      }
      nodes[field] = node;
    }
    return { el, nodes };
  });
  return { doc, anchor, ctx: context(p.spec, p.url, doc), rows };
}

// ---------------------------------------------------------------------------------------------
// Figures: two decimals for prices and amounts, the venue's size decimals, cross-check-consistent.

const cents = (min: number, max: number): fc.Arbitrary<number> => fc.integer({ min, max });

function figures(side: Side, sizeDecimals: number, dashLiq: boolean): fc.Arbitrary<Figures> {
  return fc
    .record({
      entry: cents(1, 2_000_000_000),
      ratio: fc.double({ min: 0.34, max: 2.9, noNaN: true }),
      liqFrac: fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }),
      noLiq: dashLiq ? fc.boolean() : fc.constant(false),
      size: fc.integer({ min: 1, max: 10 ** (sizeDecimals + 5) }),
      margin: cents(0, 100_000_000_000),
      leverage: fc.integer({ min: 1, max: 125 }),
      pnl: cents(-100_000_000_000, 100_000_000_000),
    })
    .map((r) => {
      const mark = Math.max(1, Math.round(r.entry * r.ratio));
      const liq = side === 'long' ? Math.floor(mark * r.liqFrac) : mark + 1 + Math.floor(mark * 9 * r.liqFrac);
      return {
        side,
        size: r.size / 10 ** sizeDecimals,
        entry: r.entry / 100,
        mark: mark / 100,
        liq: r.noLiq ? null : liq / 100,
        margin: r.margin / 100,
        leverage: r.leverage,
        pnl: r.pnl / 100,
      };
    })
    .filter((f) => f.mark / f.entry < 3 && f.mark / f.entry > 1 / 3);
}

const pairOf = (spec: VenueSpec): fc.Arbitrary<[Figures, Figures]> =>
  fc.tuple(figures('long', spec.rows[0].sizeDecimals, spec.dashLiq), figures('short', spec.rows[1].sizeDecimals, spec.dashLiq));

/** The position a row with these figures must read as. */
function expectedPosition(base: Position, f: Figures): Position {
  return {
    ...base,
    side: f.side,
    size: f.size,
    entryPrice: f.entry,
    markPrice: f.mark,
    liqPrice: f.liq !== null && f.liq > 0 ? f.liq : null,
    margin: f.margin,
    leverage: f.leverage,
    unrealizedPnl: f.pnl,
  };
}

function readPage(b: Built, spec: VenueSpec, findAnchor = false): PageRead {
  const anchor = findAnchor ? (spec.reader.findAnchor(b.doc) ?? fail(`${spec.name}: the mutated page has no anchor`)) : b.anchor;
  const read = spec.reader.read(anchor, b.ctx);
  const bad = nonFinitePaths(read);
  if (bad.length) fail(`${spec.name}: non-finite numbers in the read`, bad);
  for (const row of read.rows)
    if (!row.ok && (typeof row.reason !== 'string' || row.reason.trim() === '')) fail(`${spec.name}: unreadable row without a reason`, row);
  return read;
}

// ---------------------------------------------------------------------------------------------
// Mutations.

const JUNK = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    '--',
    '—',
    '-- / --',
    'N/A',
    'NaN',
    'Infinity',
    '-Infinity',
    '∞',
    'null',
    'undefined',
    '0',
    '-0',
    '0.00',
    '<img src=x onerror=alert(1)>',
    '<script>alert(1)</script>',
    '"><svg onload=alert(1)>',
    '1e400',
    '-1e400',
    '1e308',
    '1.7976931348623157e308',
    '9'.repeat(400),
    '123456789012345678901234567890',
    '1e-320',
    '0.0₉₉1',
    '1,234.56.78',
    '1.234,56',
    '١٢٣٫٥',
    '12x',
    '5 USDT',
    '5 ETH',
    '5 BTC',
    '5 Cont',
    '(Cross)',
    'Cross',
    'Long',
    'Short',
    '$-5',
    '(5)',
  ),
  fc.string({ maxLength: 24 }),
  fc.double().map(String),
  fc.double({ min: -1e18, max: 1e18, noNaN: true }).map((v) => fmt(v, 0, 2)),
);

const SWAPPABLE: readonly Field[] = ['entry', 'mark', 'liq', 'margin', 'pnl'];
const OWN_CELL: readonly Field[] = ['size', 'entry', 'mark', 'liq', 'margin', 'pnl'];

type Mutation =
  | { kind: 'corrupt'; row: 0 | 1; field: Field; text: string }
  | { kind: 'drop'; row: 0 | 1; field: Field }
  | { kind: 'swap'; row: 0 | 1; a: Field; b: Field }
  | { kind: 'extra-column'; at: number; header: string; text: string }
  | { kind: 'repeat-header' }
  | { kind: 'script'; row: 0 | 1; field: Field; text: string };

const rowIndex = fc.constantFrom(0 as const, 1 as const);
const MUTATION: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('corrupt' as const), row: rowIndex, field: fc.constantFrom(...FIELDS), text: JUNK }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('drop' as const), row: rowIndex, field: fc.constantFrom(...OWN_CELL) }) },
  {
    weight: 1,
    arbitrary: fc
      .record({ kind: fc.constant('swap' as const), row: rowIndex, a: fc.constantFrom(...SWAPPABLE), b: fc.constantFrom(...SWAPPABLE) })
      .filter((m) => m.a !== m.b),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('extra-column' as const),
      at: fc.nat(14),
      header: fc.constantFrom('Notes', '', '<img src=x onerror=alert(1)>', 'Foo Bar', '--'),
      text: JUNK,
    }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'repeat-header' as const }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('script' as const),
      row: rowIndex,
      field: fc.constantFrom(...FIELDS),
      text: fc.constantFrom('1234', '-5', '<img src=x onerror=alert(1)>'),
    }),
  },
);

function swapElements(a: Element, b: Element): void {
  const marker = a.ownerDocument.createComment('swap');
  a.replaceWith(marker);
  b.replaceWith(a);
  marker.replaceWith(b);
  const ca = a.getAttribute('aria-colindex');
  const cb = b.getAttribute('aria-colindex');
  if (ca !== null && cb !== null) {
    a.setAttribute('aria-colindex', cb);
    b.setAttribute('aria-colindex', ca);
  }
}

const isCell = (el: Element): boolean => /^(?:TD|TH)$/.test(el.tagName) || /^(?:cell|gridcell|columnheader|rowheader)$/.test(el.getAttribute('role') ?? '');

function insertColumn(b: Built, at: number, header: string, text: string): void {
  for (const tr of Array.from(b.anchor.querySelectorAll('tr'))) {
    const cells = Array.from(tr.children).filter(isCell);
    if (!cells.length) continue;
    const first = cells[0] ?? fail('no cell');
    const isHeader = first.tagName === 'TH' || cells.some((c) => c.getAttribute('role') === 'columnheader') || tr === b.anchor.querySelector('tr');
    const cell = b.doc.createElement(first.tagName === 'TH' ? 'th' : 'td');
    cell.textContent = isHeader ? header : text;
    const i = Math.min(at, cells.length);
    const before = cells[i];
    if (before) tr.insertBefore(cell, before);
    else tr.appendChild(cell);
    if (first.hasAttribute('aria-colindex'))
      Array.from(tr.children)
        .filter(isCell)
        .forEach((c, k) => c.setAttribute('aria-colindex', String(k + 1)));
  }
}

function repeatHeader(b: Built): void {
  const firstRow = b.rows[0]?.el ?? fail('no row');
  const all = Array.from(b.anchor.querySelectorAll('tr'));
  const header = all.find((tr) => Array.from(tr.children).some((c) => c.tagName === 'TH')) ?? all[0] ?? fail('no header');
  firstRow.parentNode?.insertBefore(header.cloneNode(true), firstRow);
}

/** Numbers a text genuinely shows: its reading as a whole, per piece, and every digit run, either sign. */
function numbersIn(text: string, locale: string): number[] {
  const out: number[] = [];
  const add = (v: number | null): void => {
    if (v !== null && Number.isFinite(v)) out.push(v, -v);
  };
  add(parseNumber(text, { locale }));
  for (const piece of text.split(/\s+/)) add(parseNumber(piece, { locale }));
  for (const m of text.matchAll(/\d+(?:[.,]\d+)*/g)) {
    add(Number(m[0].replace(/,/g, '')));
    add(Number(m[0].replace(/\./g, '').replace(',', '.')));
    add(parseNumber(m[0], { locale }));
  }
  return out;
}

const same = (a: unknown, b: unknown): boolean => Object.is(a, b) || (a === 0 && b === 0);

/** Checks each ok row against the figures written, with `allowed` widening what one figure may read as. */
function checkRows(
  p: Prepared,
  read: PageRead,
  figs: [Figures, Figures],
  allowed: (row: 0 | 1, field: Field) => number[] | 'any-of-row' | null,
  what: string,
  marginCellTouched: 0 | 1 | null = null,
  /** Text the mutation wrote into the row: a mode word there is what the row now says. */
  injected: string | null = null,
): void {
  if (read.status !== 'ok') fail(`${p.spec.name} ${what}: status ${read.status}`);
  if (read.rows.length !== 2) fail(`${p.spec.name} ${what}: ${read.rows.length} rows`, read.rows);
  read.rows.forEach((row, i) => {
    if (!row.ok) return;
    const r = i as 0 | 1;
    const f = figs[r];
    const want = expectedPosition(p.base[r], f);
    const got = row.position;
    const { size: _s, entryPrice: _e, markPrice: _m, liqPrice: _l, liqNotServed: _n, margin: _g, leverage: _v, unrealizedPnl: _u, ...restWant } = want;
    const { size: _s2, entryPrice: _e2, markPrice: _m2, liqPrice: _l2, liqNotServed: _n2, margin: _g2, leverage: _v2, unrealizedPnl: _u2, ...restGot } = got;
    // A mutation may leave the liquidation price unread (its cell dropped or mangled): then it must be
    // null with a reason, never a number with one, and a price the row still shows needs no reason.
    if (got.liqNotServed !== undefined && got.liqPrice !== null)
      fail(`${p.spec.name} ${what}: row ${i} has a liquidation price and a reason it was not read`, got);
    if (got.liqNotServed === undefined && got.liqPrice === null && want.liqPrice !== null && allowed(r, 'liq') === null) {
      fail(`${p.spec.name} ${what}: row ${i} lost its liquidation price without saying it was not read`, got);
    }
    // Junk text can make the mode unknown (a changed margin cell where only it names the mode, or a
    // second mode word in the row): null is "not shown". Another mode only if the junk names it.
    const named = injected === null ? [] : (['cross', 'isolated'] as const).filter((w) => new RegExp(w, 'i').test(injected));
    const modeMayChange = injected !== null || (p.spec.modeInMargin && marginCellTouched === r);
    if (modeMayChange && (restGot.marginMode === null || named.some((w) => w === restGot.marginMode))) restGot.marginMode = restWant.marginMode;
    if (!deepEqual(restGot, restWant)) fail(`${p.spec.name} ${what}: row ${i} reads ${JSON.stringify(restGot)}, wrote ${JSON.stringify(restWant)}`);
    for (const field of FIELDS) {
      const value = got[KEY[field]];
      const exact = want[KEY[field]];
      if (same(value, exact)) continue;
      const extra = allowed(r, field);
      if (extra === null) fail(`${p.spec.name} ${what}: row ${i} ${field} read ${String(value)}, wrote ${String(exact)}`, got);
      if (value === null) continue;
      if (extra === 'any-of-row') {
        const shown = FIELDS.map((g) => want[KEY[g]]);
        if (!shown.some((s) => same(s, value))) fail(`${p.spec.name} ${what}: row ${i} ${field} read ${String(value)}, which no figure of the row is`, got);
      } else if (!extra.some((x) => same(x, value))) {
        fail(`${p.spec.name} ${what}: row ${i} ${field} read ${String(value)}; wrote ${String(exact)}, allowed ${JSON.stringify(extra.slice(0, 12))}`, got);
      }
    }
  });
}

function mutate(p: Prepared, b: Built, figs: [Figures, Figures], m: Mutation): { check(read: PageRead): void } {
  const what = JSON.stringify(m);
  const locale = b.ctx.locale;
  switch (m.kind) {
    case 'corrupt': {
      const node = b.rows[m.row]?.nodes[m.field] ?? fail('node');
      node.nodeValue = m.text;
      return {
        check: (read) =>
          checkRows(
            p,
            read,
            figs,
            (row, field) => {
              if (row !== m.row || field !== m.field) return null;
              const shown = numbersIn(m.text, locale);
              // A size in the quote currency is the notional at the mark: size = amount / mark.
              const derived = field === 'size' ? shown.map((v) => Math.abs(v) / figs[row].mark) : [];
              const title = p.spec.titles ? [expectedPosition(p.base[row], figs[row])[KEY[field]] ?? 0] : [];
              return [...shown, ...derived, ...title];
            },
            what,
            m.field === 'margin' ? m.row : null,
            m.text,
          ),
      };
    }
    case 'drop': {
      const node = b.rows[m.row]?.nodes[m.field] ?? fail('node');
      cellOf(node).remove();
      return {
        check: (read) => checkRows(p, read, figs, (row, field) => (row === m.row && field === m.field ? [] : null), what, m.field === 'margin' ? m.row : null),
      };
    }
    case 'swap': {
      const nodes = b.rows[m.row]?.nodes ?? fail('nodes');
      swapElements(cellOf(nodes[m.a]), cellOf(nodes[m.b]));
      return {
        check: (read) =>
          checkRows(
            p,
            read,
            figs,
            (row, field) => {
              if (row !== m.row || (field !== m.a && field !== m.b)) return null;
              const other = field === m.a ? m.b : m.a;
              const v = figs[row][other];
              return v === null ? [] : [v];
            },
            what,
            m.a === 'margin' || m.b === 'margin' ? m.row : null,
          ),
      };
    }
    case 'extra-column':
      insertColumn(b, m.at, m.header, m.text);
      return { check: (read) => checkRows(p, read, figs, () => null, what, null, `${m.header} ${m.text}`) };
    case 'repeat-header':
      repeatHeader(b);
      return { check: (read) => checkRows(p, read, figs, () => null, what) };
    case 'script': {
      const node = b.rows[m.row]?.nodes[m.field] ?? fail('node');
      const script = b.doc.createElement('script');
      script.textContent = m.text;
      const img = b.doc.createElement('img');
      img.setAttribute('src', 'x');
      img.setAttribute('onerror', 'alert(1)');
      node.parentNode?.insertBefore(script, node);
      node.parentNode?.appendChild(img);
      return { check: (read) => checkRows(p, read, figs, () => null, what) };
    }
  }
}

/** The page targets (two per venue, names independent of the environment) in `env`. */
export function pageTargets(env: PageEnv): Target[] {
  const s: Session = { env, prepared: new Map(), pages: new Map() };
  return VENUES.flatMap((spec): Target[] => [
    {
      name: `${spec.name} page reader: random figures in the venue's format read back exactly`,
      property: () =>
        fc.asyncProperty(pairOf(spec), async (figs) => {
          await startCase(s);
          const p = prepare(s, spec);
          const b = build(s, p, figs);
          const read = readPage(b, spec);
          const want = { status: 'ok', rows: figs.map((f, i) => ({ ok: true, position: expectedPosition(p.base[i as 0 | 1], f) })), notes: [] };
          if (!deepEqual(read, want)) fail(`${spec.name}: read ${JSON.stringify(read)}\nwrote ${JSON.stringify(want)}`);
        }),
    },
    {
      name: `${spec.name} page reader: mutated tables never throw, never NaN, never a figure no cell shows`,
      property: () =>
        fc.asyncProperty(pairOf(spec), MUTATION, async (figs, m) => {
          await startCase(s);
          const p = prepare(s, spec);
          const b = build(s, p, figs);
          const check = mutate(p, b, figs, m);
          check.check(readPage(b, spec, true));
        }),
    },
  ]);
}
