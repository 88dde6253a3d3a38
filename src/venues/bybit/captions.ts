// What Bybit's USDT-perpetual trading page writes, per language. Bybit is closed source; sources:
//
//   [sorter]  sammcj/scripts userscripts/bybit-sort.js ("Bybit Position Table Sorter", maintained
//             against the live site): CONFIRMED that the positions table is a real <table> with
//             `thead th` and `tbody tr` / `tr[data-index]` rows; that its header text contains
//             "Contracts", "Symbol" or "Unrealized P&L" and a "TP/SL" column; that the default
//             column order is Contracts, Qty, Value, Entry Price, Mark Price, Liq. Price, IM, MM,
//             Unrealized P&L, Realized P&L, TP/SL; that the first cell starts with the symbol; that
//             empty values are "--" and TP/SL reads "-- / 61000"; and that users hide and reorder
//             columns (header icons `bb__colum-close-icon`, `bb__colum-drag-icon`).
//   [pages]   public userscripts and extensions (docs/reading-pages.md, per-venue notes).
//   [clone-zh] a dashboard built on Bybit's position API whose Chinese header follows Bybit's:
//             合约, 合约数量, 价值, 入场价格, 标记价格, 预估强平价, IM, MM, 未结盈亏 (ROI), 已结盈亏,
//             止盈/止损 (public repository file PositionsTable.tsx, read 2026). Evidence only.
//
// No other language could be confirmed; pages in other languages are read by value patterns.
import type { ColumnDictionary } from '../page-kit/labels';
import type { MarginMode } from '../position-types';
import type { Side } from '../../core/types';

export const BYBIT_COLUMNS: ColumnDictionary = {
  // [sorter] "Contracts" (current) and "Symbol" (older layout); [clone-zh] 合约.
  symbol: ['Contracts', 'Symbol', '合约'],
  side: ['Side', '方向'],
  // [sorter][pages] "Qty"; [clone-zh] 合约数量; 数量 / 持仓数量 as Bybit's other panels write it.
  size: ['Qty', 'Quantity', 'Size', '合约数量', '数量', '持仓数量'],
  value: ['Value', 'Position Value', '价值', '仓位价值'],
  entry: ['Entry Price', 'Avg. Entry Price', '入场价格', '开仓均价'],
  mark: ['Mark Price', '标记价格'],
  liq: ['Liq. Price', 'Est. Liq. Price', 'Liquidation Price', '预估强平价', '强平价格'],
  // IM is the position's initial margin — for an isolated position, the margin it owns. MM (maintenance) is not the margin.
  margin: ['IM', 'Position Margin', 'Initial Margin', '起始保证金', '仓位保证金'],
  // "Unrealized P&L (%)" normalises to "unrealizedp&l". Realized P&L is deliberately absent.
  pnl: ['Unrealized P&L', 'Unrealized PnL', '未结盈亏', '未实现盈亏'],
};

/** Bottom-panel tab captions before "(N)" (evidence only). */
export const BYBIT_POSITION_TABS = ['Positions', '仓位', '持仓', '当前持仓'];

/** Empty-state texts (evidence only). */
export const BYBIT_EMPTY = ['No position', 'No positions', 'No open positions', 'No data', '暂无持仓', '暂无仓位', '暂无数据'];

/** Mode words beside the leverage in the Contracts cell ("Cross 20.00x"); 全仓 / 逐仓 in Chinese. */
export const BYBIT_MODES: Record<MarginMode, readonly string[]> = {
  cross: ['Cross', '全仓'],
  isolated: ['Isolated', '逐仓'],
};

/** Side tags a row may carry (Bybit's hedge mode tags rows; Buy/Sell as its API names them). Evidence only. */
export const BYBIT_SIDES: Record<Side, readonly string[]> = {
  long: ['Long', 'Buy', '多', '做多', '多头', '买入'],
  short: ['Short', 'Sell', '空', '做空', '空头', '卖出'],
};

/**
 * Bybit's green/red (#20B26C / #EF454A) as "r,g,b": the colour bar in the Contracts cell. Evidence
 * only (Bybit-styled clones in public code use exactly this pair for long/short).
 */
export const BYBIT_PALETTE = { long: ['32,178,108'], short: ['239,69,74'] } as const;
