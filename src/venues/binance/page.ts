// Binance USDⓈ-M futures, www.binance.com/{lang}/futures/{SYMBOL}. Closed source; captions.ts lists
// what is confirmed and what is evidence only. The reader anchors on what survives Binance's builds:
//   anchor  the table whose header captions are Binance's (Symbol, Size, Entry Price, Mark Price,
//           Liq.Price, Margin, PNL (ROI %) or 符号, 大小, 开仓价格, …). Binance's `bn-web-table`
//           behaves like rc-table: with a fixed header the header and the body are two sibling
//           <table>s and the body holds a hidden measure row — the kit takes the wrapper of both.
//           Without a table (no position): the pane of the tab "Positions(N)" / 仓位(N).
//           Class names (bn-web-table*, css-*) are never used.
//   row     symbol cell "BTCUSDT Perpetual Cross 20x" (on one line or several): venue symbol,
//           margin mode, leverage; the margin cell's "(Isolated)" tail also names the mode (both
//           must agree). Side: the SIGNED size (negative = short; also in hedge mode, where the long
//           and the short of one symbol are two rows), a Long/Short tag if a row carries one, and
//           Binance's green/red in inline styles as the last source; sources must agree.
//   size    "0.500 BTC" in the base asset, or "30,000.06 USDT" when the user shows sizes in USDT
//           ("Size (USDT)"): that is the notional at the mark price, converted back with the row's
//           mark (unreadable without one). A size with no unit anywhere is taken in the base asset,
//           Binance's default.
//   other languages (German, French, …: captions not confirmable) are read by value patterns with
//           a note: entry and mark told apart by the PnL, the liquidation price left null.
import { perpTablePage, type PerpPageConfig } from '../page-kit/perp-table';
import { BINANCE_COLUMNS, BINANCE_EMPTY, BINANCE_MODES, BINANCE_PALETTE, BINANCE_POSITION_TABS, BINANCE_SIDES } from './captions';
import { binanceSymbolFromUrl } from './page-url';
import { isBinanceSymbol, quoteOf } from './symbol';

const SYMBOL_TOKEN = /(?:^|[^A-Z0-9])([A-Z0-9]{2,24}(?:USDT|USDC))(?![A-Z0-9])/g;

/** The Binance perp symbol a cell names ("BTCUSDT Perpetual" → BTCUSDT), or null. */
export function binanceSymbolIn(text: string): string | null {
  for (const m of text.matchAll(SYMBOL_TOKEN)) if (m[1] && isBinanceSymbol(m[1])) return m[1];
  return null;
}

const BINANCE_CONFIG: PerpPageConfig = {
  venue: 'binance',
  columns: BINANCE_COLUMNS,
  symbolIn: binanceSymbolIn,
  assets(symbol) {
    const quote = quoteOf(symbol);
    return quote ? { base: symbol.slice(0, -quote.length), quote } : null;
  },
  modeWords: BINANCE_MODES,
  sideWords: BINANCE_SIDES,
  palette: BINANCE_PALETTE,
  // docs/reading-pages.md (Binance): "the side shows as colour and a signed size".
  signsShortSizes: true,
  contractUnits: ['Cont', 'Contracts', '张'],
};

export const binancePage = perpTablePage({
  config: BINANCE_CONFIG,
  matchUrl: binanceSymbolFromUrl,
  positionTabs: BINANCE_POSITION_TABS,
  emptyMessages: BINANCE_EMPTY,
});

// Test on: https://www.binance.com/en/futures/BTCUSDT, https://www.binance.com/zh-CN/futures/ETHUSDT,
// https://www.binance.com/de/futures/BTCUSDT (value patterns), with and without open positions.
