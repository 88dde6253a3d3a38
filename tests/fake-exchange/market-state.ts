// The fake venues' market, mutable by tests (e.g. move the mark toward a position's liquidation).
export interface FakeMarket {
  symbol: string;
  markPrice: number;
  indexPrice: number;
  fundingRate: number;
  nextFundingTime: number;
}

export function defaultMarkets(now = Date.now()): Map<string, FakeMarket> {
  const nextHour8 = Math.ceil(now / 28_800_000) * 28_800_000;
  const markets: FakeMarket[] = [
    { symbol: 'BTCUSDT', markPrice: 60_000.12, indexPrice: 59_990.5, fundingRate: 0.0001, nextFundingTime: nextHour8 },
    { symbol: 'ETHUSDT', markPrice: 2_986.3, indexPrice: 2_985.1, fundingRate: -0.00005, nextFundingTime: nextHour8 },
  ];
  return new Map(markets.map((m) => [m.symbol, m]));
}
