import type { Side } from '../../core/types';
import type { ColumnDictionary } from '../page-kit/labels';
import type { MarginMode } from '../position-types';

// What OKX's positions panel says, per language. OKX is closed source and no saved page of its
// positions table exists in public code, so most captions here are EVIDENCE, not confirmed:
//
// CONFIRMED from public code that runs against www.okx.com (an "OKX Hotkey" MV3 extension, files
// selectors.js / actions.js / reader.js, 2025–2026, found in the code index):
//   - the bottom tab caption "Open positions (N)" (`.okui-tabs-pane-underline[role="tab"]` whose text
//     contains "open positions", count read with /\((\d+)\)/),
//   - rows `.position-box .okui-table-row:not([aria-hidden="true"])` made of `td` cells,
//   - users reorder columns (it scans every cell for /^[-+]?[\d,]+\.?\d*\s+[A-Za-z]{2,6}$/ to find
//     the size), hedge-mode sizes are unsigned and the side is a class on the size cell
//     (`.positive-pl` long, `.negative-pl` short); one-way sizes are signed,
//   - side words "long"/"short"/"多"/"空" (reader.js matches them in a side label),
//   - the contract unit of the order form ("Max long -- Contracts").
// CONFIRMED from OKX's own okui component markup (saved OKX Web3 docs page in the code index):
//   tabs are `[role="tab"][id][aria-selected]`, panels `[role="tabpanel"][aria-labelledby=<tab id>]`,
//   inactive panels aria-hidden="true".
// EVIDENCE ONLY (OKX API field names and the Chinese terms OKX uses for them — 开仓均价 avgPx,
// 标记价格 markPx, 预估强平价 liqPx, 保证金 margin, 保证金率 mgnRatio, 全仓/逐仓 mgnMode, 张 for
// contracts — and the usual English wording of OKX's web UI): every column caption below, the
// Chinese tab captions, and the traditional-Chinese forms. Captions that match nothing make the
// reader fall back to value patterns (and say so in PageRead.notes).
//
// Languages: English, simplified Chinese (zh-hans), traditional Chinese (zh-hant). No other language
// of OKX's UI could be confirmed from public sources.

export const OKX_COLUMNS: ColumnDictionary = {
  symbol: [
    'Instrument',
    'Symbol',
    'Contract',
    'Contracts',
    'Market',
    'Trading pair',
    'Pair',
    'Product',
    '产品',
    '产品名称',
    '合约',
    '币对',
    '交易对',
    '交易品种',
    '產品',
    '產品名稱',
    '合約',
    '幣對',
    '交易對',
  ],
  side: ['Side', 'Direction', 'Position side', '方向', '持仓方向', '持倉方向'],
  size: [
    'Size',
    'Pos.',
    'Position',
    'Positions',
    'Position size',
    'Amount',
    'Quantity',
    'Qty',
    '持仓量',
    '持仓数量',
    '仓位',
    '仓位数量',
    '数量',
    '持仓',
    '持倉量',
    '持倉數量',
    '倉位',
    '倉位數量',
    '數量',
    '持倉',
  ],
  value: ['Value', 'Position value', 'Notional', 'Notional value', '仓位价值', '持仓价值', '价值', '倉位價值', '持倉價值', '價值'],
  entry: [
    'Avg. entry price',
    'Entry price',
    'Avg. open price',
    'Average open price',
    'Open price',
    'Avg. price',
    'Entry',
    '开仓均价',
    '开仓价格',
    '持仓均价',
    '开仓价',
    '開倉均價',
    '開倉價格',
    '持倉均價',
    '開倉價',
  ],
  mark: ['Mark price', 'Mark', '标记价格', '标记价', '標記價格', '標記價'],
  liq: [
    'Est. liq. price',
    'Liq. price',
    'Est. liquidation price',
    'Estimated liquidation price',
    'Liquidation price',
    '预估强平价',
    '预估强平价格',
    '强平价格',
    '强平价',
    '預估強平價',
    '預估強平價格',
    '強平價格',
    '強平價',
  ],
  margin: ['Margin', 'Position margin', 'Initial margin', '保证金', '持仓保证金', '保證金', '持倉保證金'],
  marginRatio: ['Margin ratio', 'MMR', 'Maint. margin ratio', '保证金率', '维持保证金率', '保證金率', '維持保證金率'],
  pnl: [
    'PnL',
    'Unrealized PnL',
    'Unrealised PnL',
    'Floating PnL',
    'Upl',
    '收益',
    '收益额',
    '未实现收益',
    '未实现盈亏',
    '浮动盈亏',
    '收益額',
    '未實現收益',
    '未實現盈虧',
    '浮動盈虧',
  ],
  leverage: ['Leverage', 'Lever', '杠杆', '杠杆倍数', '槓桿', '槓桿倍數'],
  mode: ['Margin mode', 'Mode', '保证金模式', '保證金模式', '仓位模式', '倉位模式'],
};

/** The bottom tab of open positions, with its count: "Open positions (2)", "持仓 (2)", "持倉（2）". */
export const OKX_POSITIONS_TAB = /^(?:open positions|positions|当前持仓|持仓|仓位|當前持倉|持倉|倉位)\s*(?:\(\s*(\d+)\s*\))?$/i;

/** Side labels as whole pieces of the instrument (or side) cell, lower-cased. */
export const OKX_SIDE_LABELS: ReadonlyMap<string, Side> = new Map([
  ['long', 'long'],
  ['short', 'short'],
  ['多', 'long'],
  ['空', 'short'],
  ['做多', 'long'],
  ['做空', 'short'],
  ['多仓', 'long'],
  ['空仓', 'short'],
  ['多倉', 'long'],
  ['空倉', 'short'],
]);

export const OKX_MODE_LABELS: ReadonlyMap<string, MarginMode> = new Map([
  ['cross', 'cross'],
  ['isolated', 'isolated'],
  ['全仓', 'cross'],
  ['逐仓', 'isolated'],
  ['全倉', 'cross'],
  ['逐倉', 'isolated'],
]);

/** Units that mean "contracts" in the size cell or the size caption ("10 Cont", "10 张"). */
export const OKX_CONTRACT_UNITS: ReadonlySet<string> = new Set(['cont', 'conts', 'cont.', 'contract', 'contracts', '张', '張']);

/** Quote currencies: a size shown in these is a notional, not a quantity PerpLens can use. */
export const OKX_QUOTE_UNITS: ReadonlySet<string> = new Set(['usdt', 'usdc', 'usd']);
