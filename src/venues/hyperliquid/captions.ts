import type { ColumnDictionary } from '../page-kit/labels';
import type { SidePalette } from '../page-kit/value-patterns';

// What Hyperliquid's positions table says. Closed source; sources, from the code index:
//
// CONFIRMED (English) — header captions Coin, Size, Position Value, Entry Price, Mark Price,
//   PNL (ROE %), Liq. Price, Margin, Funding, Close All, TP/SL, and row cells such as "ETH  20x",
//   "9.3792 ETH", "29,481.64 USDC", "3,438.8", "3,143.3", "+$2,771.75 (+171.9%)", "5,535.1",
//   "$1,474.08 (Cross)", "$54.70", "Limit Market", "View Orders": a capture of the live table
//   (GuillaumeRacine/brave-capture-v2, HYPERLIQUID_VERIFICATION_REPORT.md, 2025-11-15), the same
//   captions in several public clones of the UI. That captured ETH row is a SHORT (entry 3,438.8 above
//   mark 3,143.3 with a positive PnL, liquidation 5,535.1 above mark, 9.3792 × 295.5 ≈ 2,771.75)
//   shown with an UNSIGNED size: the size sign cannot be relied on to tell a short.
// CONFIRMED — the side is shown by colour only: an MV3 extension maintained against the live site
//   ("Perpetualpulse", platform.js) reads the coin cell's inline style (a left colour bar) or the
//   size cell's span colour for "31, 166, 125" (long) / "237, 112, 136" (short), takes the symbol
//   from the coin cell's link, finds the table by "Coin" in its header and treats the first row as
//   the header (header cells can be `td`); the hyperopen clone (thegeronimo/hyperopen), checked
//   against the live site's computed styles, paints the coin cell with
//   `linear-gradient(90deg, rgb(31, 166, 125) 0px, rgb(31, 166, 125) 4px, …)` for a long and
//   rgb(237, 112, 136) for a short.
// LANGUAGES — no translated Hyperliquid UI was found in public sources (English only as far as
//   known). The simplified-Chinese captions below are NOT confirmed: a provisional guess so a
//   translated table would still map by meaning; unknown captions fall back to value patterns.

export const HYPERLIQUID_COLUMNS: ColumnDictionary = {
  symbol: ['Coin', 'Asset', 'Market', '币种', '资产', '市场'],
  size: ['Size', 'Position Size', '数量', '仓位', '仓位数量', '规模'],
  value: ['Position Value', 'Value', '仓位价值', '价值'],
  entry: ['Entry Price', 'Entry', 'Avg. Entry Price', '开仓价格', '开仓均价', '入场价格'],
  mark: ['Mark Price', 'Mark', '标记价格'],
  pnl: ['PNL (ROE %)', 'PNL', 'Unrealized PNL', 'Unrealised PNL', '盈亏', '未实现盈亏'],
  liq: ['Liq. Price', 'Liquidation Price', 'Est. Liq. Price', '强平价格', '清算价格', '预估强平价'],
  margin: ['Margin', '保证金'],
  funding: ['Funding', '资金费', '资金费用'],
};

/** The colours of long and short rows, as "r,g,b" (see above). */
export const HYPERLIQUID_SIDE_COLOURS: SidePalette = {
  long: ['31,166,125'],
  short: ['237,112,136'],
};

/** Margin mode tails of the Margin cell: "$1,474.08 (Cross)". */
export const HYPERLIQUID_MODE = /\((cross|isolated|全仓|逐仓)\)/i;
