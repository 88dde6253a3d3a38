import type { FakeAsset } from './market-state';
import { HOUR, nextFunding } from './market-state';

// Lighter's perpetual markets as the fake serves them, and the figures its REST list and its
// websocket share. Lighter numbers its markets (ETH 0, BTC 1, SOL 2 on mainnet) and writes margin
// fractions as integers where 10,000 is 100%. Funding settles every hour; rates are percents per
// hour. Each market prices like the fake state's asset of the same name, as every venue's fake does.

export const LIGHTER_API_HOST = 'mainnet.zklighter.elliot.ai';
export const LIGHTER_APP_HOST = 'app.lighter.xyz';
const DAY = 24 * HOUR;

export interface LighterFakeMarket {
  marketId: number;
  /** Lighter's ticker, which is also the fake state's asset. */
  symbol: string;
  sizeDecimals: number;
  priceDecimals: number;
  /** Margin fractions, 10,000 = 100%. */
  defaultImf: number;
  minImf: number;
  mmf: number;
  closeoutMf: number;
  minBaseAmount: string;
}

export const LIGHTER_MARKETS: readonly LighterFakeMarket[] = [
  { marketId: 0, symbol: 'ETH', sizeDecimals: 4, priceDecimals: 2, defaultImf: 500, minImf: 200, mmf: 120, closeoutMf: 80, minBaseAmount: '0.0050' },
  // Lighter ticks BTC at 0.1; the fake quotes cents so its mark is the one every venue's fake serves
  // (60,000.12, the figure the e2e pages print).
  { marketId: 1, symbol: 'BTC', sizeDecimals: 5, priceDecimals: 2, defaultImf: 500, minImf: 200, mmf: 120, closeoutMf: 80, minBaseAmount: '0.00020' },
  { marketId: 2, symbol: 'SOL', sizeDecimals: 3, priceDecimals: 3, defaultImf: 1000, minImf: 500, mmf: 300, closeoutMf: 200, minBaseAmount: '0.050' },
];

export const LIGHTER_MARKET_IDS = { ETH: 0, BTC: 1, SOL: 2 } as const;

export const lighterMarketById = (id: number): LighterFakeMarket | undefined => LIGHTER_MARKETS.find((x) => x.marketId === id);
export const lighterMarketBySymbol = (symbol: string): LighterFakeMarket | undefined => LIGHTER_MARKETS.find((x) => x.symbol === symbol);

/** The listed markets whose asset the fake state holds, with that asset. */
export function lighterListed(markets: ReadonlyMap<string, FakeAsset>): { market: LighterFakeMarket; m: FakeAsset }[] {
  return LIGHTER_MARKETS.flatMap((market) => {
    const m = markets.get(market.symbol);
    return m ? [{ market, m }] : [];
  });
}

/** A decimal string with between `min` and `max` decimals, trailing zeros trimmed down to `min`. */
export function lighterDecimal(x: number, max: number, min = 0): string {
  const fixed = x.toFixed(max);
  if (max <= min) return fixed;
  const [whole, frac = ''] = fixed.split('.');
  const kept = frac.replace(/0+$/, '').padEnd(min, '0');
  return kept === '' ? (whole ?? '0') : `${whole}.${kept}`;
}

/**
 * The fake state's per-8h rate as Lighter writes a rate: a percent per hour, positive when longs
 * pay. Lighter writes 4 decimals; the fake writes the exact per-hour equivalent (trailing zeros
 * trimmed, 4 decimals at least) so a test can check it against the state without rounding.
 */
export const lighterHourlyPercent = (rate8h: number): number => (rate8h / 8) * 100;
export const lighterRate = (percent: number): string => lighterDecimal(percent, 10, 4);

/** The hourly close at or before `time` (the mark the fake says the market had then). */
export function closeAt(m: FakeAsset, time: number): number {
  let close = m.hourly[0]?.close ?? m.markPrice;
  for (const p of m.hourly) {
    if (p.time > time) break;
    close = p.close;
  }
  return close;
}

/** The last settled hour's rate (per 8 h, the fake state's unit): the newest history point not after `now`. */
export function lastSettled8h(m: FakeAsset, now: number): number {
  return m.fundingHistory8h.filter((f) => f.time <= now).at(-1)?.rate ?? m.fundingRate8h;
}

/** The last 24 hours: low, high and change (percent) of the trade price, and volumes (as the Hyperliquid fake: 0.8 × OI a day). */
export function lighterDaily(market: LighterFakeMarket, m: FakeAsset, now: number) {
  const closes = m.hourly.filter((h) => h.time > now - DAY && h.time <= now).map((h) => h.close);
  const prices = [...closes, m.lastPrice];
  const before = closeAt(m, now - DAY);
  const base = +(m.openInterest * 0.8).toFixed(market.sizeDecimals);
  return {
    daily_base_token_volume: base,
    daily_quote_token_volume: +(base * m.markPrice).toFixed(6),
    daily_price_low: +Math.min(...prices).toFixed(market.priceDecimals),
    daily_price_high: +Math.max(...prices).toFixed(market.priceDecimals),
    daily_price_change: +((m.lastPrice / before - 1) * 100).toFixed(4),
  };
}

/** One market's stats as the websocket's market_stats channel pushes them: prices as strings, rates signed percents per hour. */
export function lighterStats(market: LighterFakeMarket, m: FakeAsset, now: number): Record<string, unknown> {
  const px = (x: number) => x.toFixed(market.priceDecimals);
  return {
    symbol: market.symbol,
    market_id: market.marketId,
    index_price: px(m.indexPrice),
    mark_price: px(m.markPrice),
    // In USD at the mark, unlike orderBookDetails' coins: ccxt's captured ETH stats read
    // "122736286.659423" beside a mark of 3013.91 (40,723 ETH), while the list said 39,559 ETH.
    open_interest: (m.openInterest * m.markPrice).toFixed(6),
    open_interest_limit: '72057594037927936.000000',
    funding_clamp_small: '0.0500',
    funding_clamp_big: '4.0000',
    last_trade_price: px(m.lastPrice),
    current_funding_rate: lighterRate(lighterHourlyPercent(m.fundingRate8h)),
    funding_rate: lighterRate(lighterHourlyPercent(lastSettled8h(m, now))),
    funding_timestamp: nextFunding(now, 1),
    ...lighterDaily(market, m, now),
  };
}
