// What Lighter's trading page (app.lighter.xyz/trade/{TICKER}) writes in its positions table. Lighter
// is closed source; the one public code that reads this table is an MV3 extension maintained against
// the live site, so that is the evidence, and everything it does not show is marked a guess:
//
//   [pp]     hansolar21/perpetualpulse_extension (HEAD c4f8716; content.js, platform.js,
//            volatility.js, and their git history): the table is `table[data-testid="positions-table"]`,
//            its rows `tbody tr[data-testid^="row-"]` ("absolute-positioned", virtualised); the side is
//            an element `[data-testid="direction-long"]` / `[data-testid="direction-short"]` in the
//            first cell, whose text is "Long" / "Short" (an older build's first cell read
//            "BTC\nLong"); the first cell (Market) holds the bare ticker in a span; the third cell is
//            the position value in dollars ("$12,345.67"). It finds the other columns by caption
//            (`thead th`, lower-cased): one STARTING with "size", ones CONTAINING "mark", "liq",
//            "pnl" / "p&l" / "unrealized", "funding". Only those substrings are evidenced, not the
//            whole captions.
//   [guess]  not seen anywhere: the usual spelling of a caption whose substring [pp] confirms, or the
//            caption of a figure [pp] does not read (entry price, margin). A guessed caption names its
//            figure itself ("Entry Price" holds an entry price on every venue that writes it), so it
//            can leave a column unrecognised but not put one figure under another's name; a column
//            whose cells are not shaped like its figure is "not read" (page-kit/value-patterns.ts).
//
// Other languages: the app has `?locale=zh`, whose captions are NOT known. None are listed: a table
// in Chinese is not recognised by its captions (the kit then tries value patterns, which Lighter's
// dollar amounts do not fit: such a page reads as "can't read", never as a guess). The side does not
// depend on the language: it comes from the direction testid (page.ts).
import type { ColumnDictionary } from '../page-kit/labels';
import type { MarginMode } from '../position-types';
import type { Side } from '../../core/types';

export const LIGHTER_COLUMNS: ColumnDictionary = {
  // [pp] the first cell is the market (ticker + side); the caption "Market" is a [guess], as are "Symbol", "Coin".
  symbol: ['Market', 'Symbol', 'Coin'],
  // [guess] a separate side column, should a layout have one (the side is normally in the Market cell).
  side: ['Side', 'Direction'],
  // [pp] a caption starting with "size"; "Size" itself and "Position Size" are [guess]. A unit tail
  // ("Size (BTC)") is dropped by normalisation, and read as the size's unit.
  size: ['Size', 'Position Size'],
  // [pp] the third cell is the position value in dollars; the captions are [guess].
  value: ['Position Value', 'Value', 'Notional'],
  // [guess] Lighter's API calls it avg_entry_price (docs/venues.md, Lighter); [pp] does not read it.
  entry: ['Entry Price', 'Avg. Entry Price', 'Avg Entry Price', 'Average Entry Price', 'Entry'],
  // [pp] a caption containing "mark"; the spellings are [guess].
  mark: ['Mark Price', 'Mark'],
  // [pp] a caption containing "liq"; the spellings are [guess] ("Liq. Price" and "Liq Price" normalise alike).
  liq: ['Liq. Price', 'Liquidation Price', 'Est. Liq. Price', 'Est. Liquidation Price'],
  // [guess] the position's margin (for an isolated position, its allocated margin); [pp] does not read it.
  margin: ['Margin', 'Position Margin', 'Allocated Margin'],
  // [pp] a caption containing "pnl", "p&l" or "unrealized"; the spellings are [guess]. "PnL (ROE %)"
  // normalises to "pnl". Realized PnL is deliberately absent.
  pnl: ['Unrealized PnL', 'Unrealized P&L', 'uPnL', 'PnL', 'P&L', 'PnL (ROE %)'],
  // [pp] a caption containing "funding"; "Funding" itself is [guess]. Not read as a figure.
  funding: ['Funding', 'Funding Fee', 'Funding Paid'],
};

/** Bottom-panel tab captions before "(N)": [guess] (no source shows Lighter's tabs). */
export const LIGHTER_POSITION_TABS = ['Positions', 'Position'];

/**
 * Empty-state texts: [guess] ("No open positions" is what Hyperliquid-style panels write). Generic
 * "No data" is left out on purpose: another pane's empty list would say the same.
 */
export const LIGHTER_EMPTY = ['No open positions', 'No positions', 'No position', 'No open position'];

/**
 * Margin-mode words: Lighter has cross and isolated margin (docs.lighter.xyz; API `margin_mode` 0/1,
 * docs/venues.md, Lighter); how the page writes them is a [guess]: "Cross" / "Isolated", in the Market
 * cell or as the "(Cross)" tail of the Margin cell. A row naming both is unreadable.
 */
export const LIGHTER_MODES: Record<MarginMode, readonly string[]> = {
  cross: ['Cross', 'Crossed'],
  isolated: ['Isolated'],
};

/**
 * Side words: [pp] the direction element's text is "Long" / "Short". Buy/Sell are order words, not
 * position sides: absent. The direction testid (page.ts) decides the side in any language and must
 * agree with these words.
 */
export const LIGHTER_SIDES: Record<Side, readonly string[]> = {
  long: ['Long'],
  short: ['Short'],
};

/** The direction elements of the Market cell ([pp]): their testid names the side. */
export const LIGHTER_DIRECTION_TESTIDS: Record<Side, string> = {
  long: 'direction-long',
  short: 'direction-short',
};

/**
 * Lighter's trading green/red: not taken. [pp] reads the side from the direction testid, not from
 * colour, and so does PerpLens: no colour is ever a side here.
 */
export const LIGHTER_PALETTE = { long: [], short: [] } as const;
