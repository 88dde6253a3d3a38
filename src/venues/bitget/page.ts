// Bitget USDT-M perpetuals, www.bitget.com/{lang/}futures/usdt/{SYMBOL}. Closed source, and no public
// code reads its positions table: captions.ts lists Bitget's own vocabulary with its sources. The
// reader anchors on what a build cannot rename:
//   anchor  the table whose header captions are Bitget's (Position, Size, Average entry price, Mark
//           price, Est. liq. price, Margin, Margin ratio, Unrealized PnL (ROE), or 仓位, 持仓数量,
//           开仓均价, 标记价格, 预估强平价, 保证金, 保证金率, 未实现盈亏), as a <table>, a split
//           header/body pair of tables, or a grid of plain divs. Every column is found by caption, so
//           a hidden or reordered column reads as absent, never as its neighbour. Without a
//           recognisable table: the pane of the tab "Positions (N)" / 持仓 (N). Class names are never used.
//   row     first cell "BTCUSDT Perpetual · Isolated 10x · Long" / "BTCUSDT 永续 逐仓 10x 多": the
//           symbol, the margin mode, the leverage and the side tag. Bitget writes sizes unsigned (its
//           API has holdSide long/short and an unsigned total), so the side is the tag; a negative
//           size, should one appear, must agree with it. A row with neither is unreadable. No colour
//           is used (Bitget's palette is not known).
//   size    in the base coin ("0.150 BTC"), or in USDT when the trader picks USDT as the unit: then
//           converted at the row's mark price with a note (unreadable without a mark). Bitget's
//           USDT-M sizes are never in contracts, so any other unit makes the row unreadable.
//   margin  the position margin (for an isolated position, the margin it holds); Margin ratio is a
//           percentage and never read as margin.
//   liq     the Est. liq. price cell when it holds a bare price; "--" means the venue shows none;
//           anything else (blank, a unit, a percentage) is "not read", never guessed.
//   other languages are read by value patterns with a note (no liquidation price in that mode).
import { perpTablePage, type PerpPageConfig } from '../page-kit/perp-table';
import { BITGET_COLUMNS, BITGET_EMPTY, BITGET_MODES, BITGET_PALETTE, BITGET_POSITION_TABS, BITGET_SIDES } from './captions';
import { bitgetSymbolFromUrl } from './page-url';
import { isBitgetSymbol } from './symbol';

const SYMBOL_TOKEN = /(?:^|[^A-Z0-9])([A-Z0-9]{2,30}USDT)(?![A-Z0-9])/g;

/** The Bitget USDT-M symbol a cell names ("BTCUSDT Perpetual · Isolated 10x · Long" → BTCUSDT), or null. */
export function bitgetSymbolIn(text: string): string | null {
  for (const m of text.matchAll(SYMBOL_TOKEN)) if (m[1] && isBitgetSymbol(m[1])) return m[1];
  return null;
}

/** Base coin and settlement currency of a USDT-M symbol: BTCUSDT → BTC/USDT; null for anything else. */
export function bitgetAssets(symbol: string): { base: string; quote: string } | null {
  return isBitgetSymbol(symbol) ? { base: symbol.slice(0, -'USDT'.length), quote: 'USDT' } : null;
}

const BITGET_CONFIG: PerpPageConfig = {
  venue: 'bitget',
  columns: BITGET_COLUMNS,
  symbolIn: bitgetSymbolIn,
  assets: bitgetAssets,
  modeWords: BITGET_MODES,
  sideWords: BITGET_SIDES,
  palette: BITGET_PALETTE,
  signsShortSizes: false,
  contractUnits: [],
};

export const bitgetPage = perpTablePage({
  config: BITGET_CONFIG,
  matchUrl: bitgetSymbolFromUrl,
  positionTabs: BITGET_POSITION_TABS,
  emptyMessages: BITGET_EMPTY,
});

// Test on: https://www.bitget.com/futures/usdt/BTCUSDT (one-way and hedge mode, sizes in coin and in
// USDT, columns hidden and reordered), https://www.bitget.com/zh-CN/futures/usdt/BTCUSDT.
