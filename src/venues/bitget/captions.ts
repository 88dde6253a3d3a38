// What Bitget's USDT-M futures page writes, per language. Bitget is closed source and NO public
// userscript, extension or saved page reads its positions table, so no caption below is confirmed
// as a header string: each entry is Bitget's own vocabulary for the concept, and says where from.
//
//   [help-en]  Bitget's English help centre and API docs: "Estimated liquidation price" / "Est.
//              liquidation price" (help article "Bitget futures: Estimated liquidation price"),
//              "average entry price", "mark price", "margin", "unrealized PnL", "margin ratio",
//              "ROE"; the v2 `all-position` endpoint names the same figures openPriceAvg,
//              markPrice, liquidationPrice ("Estimated liquidation price"), marginSize,
//              unrealizedPL, marginRatio, marginMode (crossed/isolated), holdSide (long/short).
//   [help-zh]  Bitget's Chinese help centre (www.bitget.com/zh-CN/support/articles/360053047612,
//              360059292551): 预估强平价格 / 预估强平价, 标记价格, 仓位保证金, 保证金率, 未实现盈亏,
//              开仓数量, 持仓.
//   [help-tw]  the Traditional Chinese help centre: 預估強平價, (合理)標記價格, 倉位保證金, 未實現盈虧.
//   [usage]    Bitget's wording as its app and help articles use it, not confirmed as a header string:
//              EN "Est. liq. price", "Liq. price", "Entry price", "Open price", "Position", "Size",
//              "Amount", "Position size"; ZH 开仓均价, 保证金, 持仓数量, 数量, 仓位; ZH-TW 開倉均價;
//              sides Long/Short, 多/空, 做多/做空, 开多/开空; modes Cross/Isolated, 全仓/逐仓 (全倉/逐倉);
//              first cell "BTCUSDT Perpetual · Isolated 10x · Long" / "BTCUSDT 永续 逐仓 10x 多".
//   [guess]    not seen anywhere; kept only where a wrong entry cannot misplace a figure (a symbol or
//              side column, a Traditional Chinese spelling of an evidenced Simplified one). No
//              liquidation-price, entry or mark caption is a guess.
//
// Other languages (Vietnamese, Turkish, …) could not be confirmed: such pages are read by value
// patterns (with a note), where the liquidation price is never read.
import type { ColumnDictionary } from '../page-kit/labels';
import type { MarginMode } from '../position-types';
import type { Side } from '../../core/types';

export const BITGET_COLUMNS: ColumnDictionary = {
  // [usage] "Position", 仓位; [help-zh] 持仓; [guess] the zh-TW 倉位 / 持倉. No side column is listed:
  // the side is the first cell's tag, and no source shows a column of its own.
  symbol: ['Position', '仓位', '持仓', '倉位', '持倉'],
  // [usage] "Size", "Amount", "Position size", 持仓数量, 数量; [help-zh] 开仓数量 (open amount);
  // [guess] 持倉數量 / 數量. A unit tail ("Size (USDT)", "数量（BTC）") is dropped by normalisation.
  size: ['Size', 'Amount', 'Position size', '持仓数量', '数量', '开仓数量', '持倉數量', '數量'],
  // [help-en] "average entry price" (openPriceAvg); [usage] "Entry price", "Open price", 开仓均价, 開倉均價.
  entry: ['Average entry price', 'Entry price', 'Open price', '开仓均价', '開倉均價'],
  // [help-en] "mark price"; [help-zh] 标记价格; [help-tw] 標記價格, 合理標記價格.
  mark: ['Mark price', '标记价格', '標記價格', '合理標記價格'],
  // [help-en] "Estimated liquidation price", "Est. liquidation price"; [usage] "Est. liq. price",
  // "Liq. price"; [help-zh] 预估强平价, 预估强平价格; [help-tw] 預估強平價.
  liq: ['Est. liq. price', 'Estimated liquidation price', 'Est. liquidation price', 'Liq. price', '预估强平价', '预估强平价格', '預估強平價'],
  // Bitget's margin column is the POSITION margin (for an isolated position, the margin it holds):
  // [help-en] "margin" (marginSize); [usage] 保证金; [help-zh] 仓位保证金; [help-tw] 倉位保證金.
  margin: ['Margin', 'Position margin', '保证金', '仓位保证金', '倉位保證金'],
  // [help-en] "margin ratio" (marginRatio); [help-zh] 保证金率. Never the margin: a percentage.
  marginRatio: ['Margin ratio', '保证金率', '保證金率'],
  // [help-en][usage] "Unrealized PnL", "Unrealized PnL (ROE)" (the "(ROE)" tail normalises away);
  // [help-zh] 未实现盈亏 (also "未实现盈亏（收益率）"); [help-tw] 未實現盈虧. Realized PnL is deliberately absent.
  pnl: ['Unrealized PnL', 'Unrealized PnL (ROE)', '未实现盈亏', '未實現盈虧'],
};

/** Bottom-panel tab captions before "(N)": [usage] "Position(s)", 持仓, 仓位; zh-TW spellings [guess]. */
export const BITGET_POSITION_TABS = ['Positions', 'Position', '持仓', '仓位', '持倉', '倉位'];

/**
 * Empty-state texts: [usage] "No positions", 暂无持仓; the singular and the zh-TW spelling [guess].
 * Generic "No data" / 暂无数据 are left out on purpose: another pane's empty list would say the same.
 */
export const BITGET_EMPTY = ['No positions', 'No position', '暂无持仓', '暫無持倉'];

/** Margin-mode words in the first cell: [help-en] crossed/isolated; [usage] Cross/Isolated, 全仓/逐仓, 全倉/逐倉. */
export const BITGET_MODES: Record<MarginMode, readonly string[]> = {
  cross: ['Cross', 'Crossed', '全仓', '全倉'],
  isolated: ['Isolated', '逐仓', '逐倉'],
};

/**
 * Side tags in the first cell ("· Long", "多"): [help-en] holdSide long/short; [usage] Long/Short, 多/空,
 * 做多/做空, 开多/开空; [guess] the zh-TW 開多/開空. Buy/Sell are order words, not position sides: absent.
 */
export const BITGET_SIDES: Record<Side, readonly string[]> = {
  long: ['Long', '多', '做多', '开多', '開多'],
  short: ['Short', '空', '做空', '开空', '開空'],
};

/**
 * Bitget's trading green/red: NOT KNOWN. No public source gives the colours of its positions rows
 * (the one design write-up found names only the brand cyan rgb(3,170,199) and greys), so no colour
 * is taken as a side: a row is long or short by its tag or a signed size only.
 */
export const BITGET_PALETTE = { long: [], short: [] } as const;
