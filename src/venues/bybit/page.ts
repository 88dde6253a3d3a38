// Bybit USDT perpetuals, www.bybit.com/trade/usdt/{SYMBOL}. Closed source; captions.ts lists what is
// confirmed (a public userscript maintained against the live table) and what is evidence only.
//   anchor  the real <table> whose `thead th` captions are Bybit's (Contracts, Qty, Value, Entry
//           Price, Mark Price, Liq. Price, IM, MM, Unrealized P&L, …, or the Chinese ones); users
//           hide and reorder columns, so every column is found by caption, and a hidden one reads
//           as absent (null), never as a neighbour. Rows are `tbody tr`, some virtualised with
//           `data-index`; hidden duplicates and placeholders are skipped. Without a recognisable
//           table: the pane of the tab "Positions(N)".
//   row     Contracts cell "BTCUSDT Cross 20.00x" (symbol, mode, leverage). Side, from every
//           source the row offers, which must agree: a Long/Short (Buy/Sell, 多/空) tag, a negative
//           Qty (short), Bybit's green/red bar in inline styles. A positive Qty alone is not a long
//           (Bybit may write shorts unsigned) unless the same table shows a negative Qty somewhere,
//           which says this page signs its shorts; otherwise such a row is unreadable.
//   margin  IM, the position's initial margin (for an isolated position, the margin it holds); MM
//           is the maintenance margin and is not read as margin.
//   size    Qty in the base coin (linear contracts are quoted in coin); a Qty in USDT is converted
//           at the mark price; a Qty in contracts needs ctx.contractValue.
//   other languages are read by value patterns with a note (no liquidation price in that mode).
import { perpTablePage, type PerpPageConfig } from '../page-kit/perp-table';
import { BYBIT_COLUMNS, BYBIT_EMPTY, BYBIT_MODES, BYBIT_PALETTE, BYBIT_POSITION_TABS, BYBIT_SIDES } from './captions';
import { bybitSymbolFromUrl } from './page-url';
import { isBybitSymbol } from './symbol';

const SYMBOL_TOKEN = /(?:^|[^A-Z0-9])([A-Z0-9]{2,30}(?:USDT|USDC|PERP))(?![A-Z0-9])/g;

/** The Bybit linear-perp symbol a cell names ("BTCUSDT Cross 20.00x" → BTCUSDT), or null. */
export function bybitSymbolIn(text: string): string | null {
  for (const m of text.matchAll(SYMBOL_TOKEN)) if (m[1] && isBybitSymbol(m[1])) return m[1];
  return null;
}

/** Base coin and settlement currency: BTCUSDT → BTC/USDT, ETHPERP → ETH/USDC (PERP symbols settle in USDC). */
export function bybitAssets(symbol: string): { base: string; quote: string } | null {
  const m = /^(.+?)(USDT|USDC|PERP)$/.exec(symbol);
  if (!m?.[1] || !m[2] || !isBybitSymbol(symbol)) return null;
  return { base: m[1], quote: m[2] === 'PERP' ? 'USDC' : m[2] };
}

const BYBIT_CONFIG: PerpPageConfig = {
  venue: 'bybit',
  columns: BYBIT_COLUMNS,
  symbolIn: bybitSymbolIn,
  assets: bybitAssets,
  modeWords: BYBIT_MODES,
  sideWords: BYBIT_SIDES,
  palette: BYBIT_PALETTE,
  signsShortSizes: false,
  contractUnits: ['Cont', 'Contracts', '张'],
};

export const bybitPage = perpTablePage({
  config: BYBIT_CONFIG,
  matchUrl: bybitSymbolFromUrl,
  positionTabs: BYBIT_POSITION_TABS,
  emptyMessages: BYBIT_EMPTY,
});

// Test on: https://www.bybit.com/trade/usdt/BTCUSDT (one-way and hedge mode, columns hidden and
// reordered), https://www.bybit.com/zh-CN/trade/usdt/BTCUSDT.
