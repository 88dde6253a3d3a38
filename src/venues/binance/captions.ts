// What Binance's USDⓈ-M futures page writes, per language. Binance is closed source and no saved page
// of the positions table exists in public code, so every entry says where it comes from:
//
//   [pages]   public userscripts and extensions (docs/reading-pages.md, per-venue notes).
//   [clone-en] a dashboard that copies Binance's positions header verbatim: "Symbol, Size, Entry
//             Price, Break Even Price, Mark Price, Liq.Price, Margin Ratio, Margin, PNL (ROI %),
//             Est. Funding Fee" (public repository file LivePositionsTable.tsx, read 2026 via the code
//             index). Agrees with [pages] caption for caption: as close to confirmed as we can get.
//   [clone-zh] a position-panel spec modelled on Binance's Chinese futures page: 符号, 大小, 保证金,
//             保证金比率, 开仓价格, 标记价格, 强平价格, 收益额（收益率）, 止盈/止损, symbol cell
//             "ETHUSDT 永续" (public design doc "Current Position Panel Design" and its test). Evidence.
//   [tweak]   phyck/Userscripts BinanceFuturesTweak.user.js: the futures page has a
//             "Close All Positions" button (confirmed; its selector is a hashed css-* class).
//   [alpha]   a Binance Alpha trading script: tabs carry `data-tab-key` / `id="bn-tab-<key>"` and
//             captions with a count in parentheses ("处理中(0)"); tables `tr.bn-web-table-row`
//             with `td[aria-colindex]`. Confirmed for that page; assumed for futures.
//   [copytrade] a copy-trading scraper: Binance keeps every tab pane mounted (hidden) and renders a
//             `tr.bn-web-table-measure-row` that holds no data (confirmed on the profile page).
//
// German, French and other captions could not be confirmed from any public source, so they are not
// listed: such pages are read by value patterns (with a note) rather than by guessed captions.
import type { ColumnDictionary } from '../page-kit/labels';
import type { MarginMode } from '../position-types';
import type { Side } from '../../core/types';

export const BINANCE_COLUMNS: ColumnDictionary = {
  // [pages][clone-en] "Symbol"; [clone-zh] 符号. 合约 is the Open Orders caption for the same thing.
  symbol: ['Symbol', '符号', '合约'],
  // [pages][clone-en] "Size" (with a unit tail when the user picks one: "Size (USDT)"); [clone-zh] 大小.
  size: ['Size', '大小'],
  // [clone-zh] 名义金额 (notional); not part of the default English header.
  value: ['Notional', '名义金额'],
  entry: ['Entry Price', '开仓价格'],
  mark: ['Mark Price', '标记价格'],
  liq: ['Liq.Price', 'Liq. Price', 'Liquidation Price', '强平价格'],
  marginRatio: ['Margin Ratio', '保证金比率'],
  margin: ['Margin', '保证金'],
  // "PNL (ROI %)" and 收益额（收益率） normalise to "pnl" and 收益额 (unit tails dropped).
  pnl: ['PNL', 'PNL (ROI %)', 'Unrealized PNL', '收益额', '未实现盈亏'],
  funding: ['Est. Funding Fee', '预估资金费'],
};

/** Bottom-panel tab captions before "(N)": [pages] "Positions(N)", 仓位(N). */
export const BINANCE_POSITION_TABS = ['Positions', '仓位', '持仓'];

/** Empty-state texts (evidence only: the project's fake exchange and Binance-like clones). */
export const BINANCE_EMPTY = ['You have no position', 'No position', 'No positions', 'No open positions', '暂无持仓', '暂无仓位', '您没有仓位', '暂无数据'];

/** Margin-mode words in the symbol cell and the margin cell's "(Isolated)" tail: [pages] Cross/Isolated; 全仓/逐仓 are Binance's Chinese terms. */
export const BINANCE_MODES: Record<MarginMode, readonly string[]> = {
  cross: ['Cross', '全仓'],
  isolated: ['Isolated', '逐仓'],
};

/** Side tags, should a row carry one (not seen in evidence; the signed size is the documented source). */
export const BINANCE_SIDES: Record<Side, readonly string[]> = {
  long: ['Long', '多', '做多', '多头'],
  short: ['Short', '空', '做空', '空头'],
};

/**
 * Binance's trading green/red (#0ECB81 / #F6465D), as "r,g,b". Evidence only: the palette of
 * Binance-styled clones in public code; used only when neither a tag nor the size sign says the side.
 */
export const BINANCE_PALETTE = { long: ['14,203,129'], short: ['246,70,93'] } as const;
