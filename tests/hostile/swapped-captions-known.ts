// Two adjacent header captions swapped while the body is not: the page labels its own columns
// wrongly. Captions are what a reader trusts, so where the two columns hold the same kind of figure
// (two prices, two amounts in the quote currency, two sizes) nothing in the values tells them apart.
// These are the pairs PerpLens still reads wrongly, each with why; broken-tables.test.ts fails on any
// other wrong figure, and on a listed one that stops being wrong (then this list must shrink).
//
// No liquidation price is on this list: a price column must hold an unsigned number (page-kit
// priceIn), so a percentage, an amount with its unit or a signed PnL under a "Liq. Price" caption is
// "not read", and PerpLens computes the price or says it is unknown.

interface Known {
  figures: string[];
  why: string;
}

const TWO_PRICES = 'both columns hold plain prices of the same magnitude; the row checks pass either way';
const TWO_AMOUNTS = 'both columns hold amounts in the quote currency (or one a signed amount read as an amount)';

export const SWAPPED_CAPTIONS_KNOWN: Record<string, Record<string, Known>> = {
  binance: {
    'Entry Price ⇄ Break Even Price': { figures: ['entryPrice'], why: `${TWO_PRICES} (the break-even price sits next to the entry)` },
    'Break Even Price ⇄ Mark Price': { figures: ['markPrice'], why: `${TWO_PRICES}; the page's mark ticks, and the distance follows it` },
    'Margin ⇄ PNL (ROI %)': { figures: ['margin', 'unrealizedPnl'], why: TWO_AMOUNTS },
    'PNL (ROI %) ⇄ Est. Funding Fee': { figures: ['unrealizedPnl'], why: TWO_AMOUNTS },
  },
  bybit: {
    'Qty ⇄ Value': { figures: ['size'], why: 'the value in USDT is converted to a size at the mark, as a quote-currency size column is' },
    'Entry Price ⇄ Mark Price': { figures: ['entryPrice', 'markPrice'], why: TWO_PRICES },
    'Liq. Price ⇄ IM': {
      figures: ['margin'],
      why: 'the initial margin column is taken as the margin; the liquidation price is refused (an amount with its unit)',
    },
    'IM ⇄ MM': { figures: ['margin'], why: TWO_AMOUNTS },
    'MM ⇄ Unrealized P&L (%)': { figures: ['unrealizedPnl'], why: TWO_AMOUNTS },
    'Unrealized P&L (%) ⇄ Realized P&L': { figures: ['unrealizedPnl'], why: TWO_AMOUNTS },
  },
  okx: {
    'Avg. entry price ⇄ Mark price': { figures: ['entryPrice', 'markPrice'], why: TWO_PRICES },
    'Est. liq. price ⇄ PnL (ROE)': {
      figures: ['unrealizedPnl'],
      why: 'the PnL is taken from the price column as an amount; the liquidation price is refused (a signed amount)',
    },
    'PnL (ROE) ⇄ Realized PnL': { figures: ['unrealizedPnl'], why: TWO_AMOUNTS },
  },
  hyperliquid: {
    'Entry Price ⇄ Mark Price': { figures: ['entryPrice', 'markPrice'], why: TWO_PRICES },
    'Mark Price ⇄ PNL (ROE %)': {
      figures: ['unrealizedPnl'],
      why: 'the PnL is taken from the price column as an amount; the mark is refused (a signed amount)',
    },
    'PNL (ROE %) ⇄ Liq. Price': {
      figures: ['unrealizedPnl'],
      why: 'the PnL is taken from the price column as an amount; the liquidation price is refused (a signed amount)',
    },
    'Liq. Price ⇄ Margin': { figures: ['margin'], why: 'the price is read as a margin amount (Hyperliquid prints amounts without a unit)' },
    'Margin ⇄ Funding': { figures: ['margin'], why: TWO_AMOUNTS },
  },
};
