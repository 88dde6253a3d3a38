import type { FakeMarket } from './market-state';
import type { Reply } from './reply';
import { json } from './reply';

// Binance USDⓈ-M public API, in the shapes documented in shared/reference/venues.md: numbers as
// decimal strings, times as numbers, errors as `{code, msg}` with HTTP 400.
export function binanceApi(path: string, query: URLSearchParams, markets: Map<string, FakeMarket>): Reply | null {
  if (path === '/fapi/v1/premiumIndex') {
    const symbol = query.get('symbol');
    const m = symbol ? markets.get(symbol) : undefined;
    if (!m) return json({ code: -1121, msg: 'Invalid symbol.' }, 400);
    return json({
      symbol: m.symbol,
      markPrice: m.markPrice.toFixed(8),
      indexPrice: m.indexPrice.toFixed(8),
      estimatedSettlePrice: m.indexPrice.toFixed(8),
      lastFundingRate: m.fundingRate.toFixed(8),
      interestRate: '0.00010000',
      nextFundingTime: m.nextFundingTime,
      time: Date.now(),
    });
  }
  return null;
}
