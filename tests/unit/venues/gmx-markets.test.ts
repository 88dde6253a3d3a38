import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { gmxHourlyRates } from '../../../src/venues/gmx/fees';
import { findGmxMarket, gmxMarkets, indexPrice } from '../../../src/venues/gmx/markets';
import { CandlesBody, MarketInfoRow, RatesBody, TickerRow, TokenRow } from '../../../src/venues/gmx/schemas';
import { e30 } from '../../fake-exchange/gmx';

// Arbitrum addresses from gmx-interface's configs (sdk/src/configs/tokens.ts, markets.ts).
const WETH = '0x82aF49447D8a07e3bd95BD0d56f35241523fBab1';
const USDC = '0xaf88d065e77c8cC2239327C5EDb3A432268e5831';
const BTC_INDEX = '0x47904963fc8b2340414262125aF798B9655E58Cd';
const WBTC = '0x2f2a2543B76A4166549F7aaB2e75Bef0aefC5B0f';
const ETH_USDC = '0x70d95587d40A2caf56bd97485aB3Eec10Bee6336';
const ETH_ETH = '0x450bb6774Dd8a756274E0ab4107953259d2ac541';
const BTC_USDC = '0x47c031236e19d024b42f8AE6780E44A573170703';

const tokens = v.parse(v.array(TokenRow), [
  { symbol: 'WETH', baseSymbol: 'ETH', address: WETH, decimals: 18 },
  { symbol: 'USDC', address: USDC, decimals: 6, isStable: true },
  { symbol: 'BTC', address: BTC_INDEX, decimals: 8, isSynthetic: true },
  { symbol: 'BTC', address: WBTC, decimals: 8 },
]);

function info(market: string, index: string, long: string, short: string, oiLongUsd: number, oiShortUsd: number, more: Record<string, unknown> = {}) {
  return {
    marketTokenAddress: market,
    indexTokenAddress: index,
    longTokenAddress: long,
    shortTokenAddress: short,
    isSpotOnly: false,
    isDisabled: false,
    longInterestUsd: e30(oiLongUsd),
    shortInterestUsd: e30(oiShortUsd),
    longInterestInTokens: '12500000000000000000000', // 12,500 ETH in wei
    shortInterestInTokens: { type: 'bigint', value: '5000000000000000000000' },
    useOpenInterestInTokensForBalance: true,
    fundingFactorPerSecond: e30(1e-8),
    longsPayShorts: true,
    borrowingFactorPerSecondForLongs: e30(2e-8),
    borrowingFactorPerSecondForShorts: '0',
    minCollateralFactor: e30(0.005),
    minCollateralFactorForLiquidation: e30(0.0052),
    positionFeeFactorForBalanceWasNotImproved: e30(0.0007),
    ...more,
  };
}

const infos = v.parse(v.array(MarketInfoRow), [
  info(ETH_USDC, WETH, WETH, USDC, 40_000_000, 16_000_000),
  info(ETH_ETH, WETH, WETH, WETH, 9_000_000, 3_000_000),
  info(BTC_USDC, BTC_INDEX, WBTC, USDC, 50_000_000, 45_000_000, { longsPayShorts: false }),
  info('0xB686BcB112660343E6d15BDb65297e110C8311c4', '0x0000000000000000000000000000000000000000', USDC, WETH, 0, 0, { isSpotOnly: true }),
]);

describe('GMX markets from the token list and the markets’ state', () => {
  const markets = gmxMarkets(tokens, infos, 1);

  it('names each perpetual market as the positions table does, by address, and leaves swap-only markets out', () => {
    expect(markets.map((m) => m.symbol)).toEqual(['ETH:WETH-USDC', 'ETH:WETH-WETH', 'BTC:BTC-USDC']);
    const eth = markets[0];
    expect(eth?.marketToken).toBe(ETH_USDC.toLowerCase());
    expect(eth?.liquidation).toEqual({ minCollateralFactorForLiquidation: 0.0052, minCollateralUsd: 1, closeFeeFactor: 0.0007 });
    expect(eth?.fees.longInterestUsd).toBeCloseTo(40_000_000, 6);
    expect(eth?.longInterestTokens).toBeCloseTo(12_500, 9);
    expect(eth?.shortInterestTokens).toBeCloseTo(5_000, 9);
    // The longs pay 1e-8 a second: 0.0036% an hour; the shorts receive it times 40M / 16M.
    const long = gmxHourlyRates(eth?.fees ?? markets[0]!.fees, 'long');
    expect(long.funding).toBeCloseTo(-3.6e-5, 12);
    expect(gmxHourlyRates(eth!.fees, 'short').funding).toBeCloseTo(3.6e-5 * 2.5, 12);
  });

  it('finds a market by its name, and an index alone as its deepest market', () => {
    expect(findGmxMarket(markets, 'ETH:WETH-WETH')?.marketToken).toBe(ETH_ETH.toLowerCase());
    expect(findGmxMarket(markets, 'ETH')?.symbol).toBe('ETH:WETH-USDC');
    expect(findGmxMarket(markets, 'BTC')?.symbol).toBe('BTC:BTC-USDC');
    expect(findGmxMarket(markets, 'ETH:WETH-USDT')).toBeNull();
    expect(findGmxMarket(markets, 'DOGE')).toBeNull();
  });

  it('refuses a factor that is not a share, a negative open interest and a non-integer amount', () => {
    expect(v.safeParse(MarketInfoRow, info(ETH_USDC, WETH, WETH, USDC, 1, 1, { minCollateralFactorForLiquidation: e30(1.5) })).success).toBe(false);
    expect(v.safeParse(MarketInfoRow, info(ETH_USDC, WETH, WETH, USDC, 1, 1, { longInterestUsd: '-5' })).success).toBe(false);
    expect(v.safeParse(MarketInfoRow, info(ETH_USDC, WETH, WETH, USDC, 1, 1, { fundingFactorPerSecond: '1.5e22' })).success).toBe(false);
    expect(v.safeParse(MarketInfoRow, info(ETH_USDC, WETH, WETH, USDC, 1, 1, { longsPayShorts: 'true' })).success).toBe(false);
  });
});

describe('GMX oracle keeper answers', () => {
  it('reads a ticker as USD per whole token: price ÷ 10^(30 − decimals)', () => {
    // Rows of the shape gmx-interface's own test fixture holds (sdk/src/test/fixtures/arbitrumTickers.json).
    const eth = v.parse(TickerRow, {
      tokenAddress: WETH,
      tokenSymbol: 'ETH',
      minPrice: '1739495434083952',
      maxPrice: '1739595434083952',
      updatedAt: 1783345314888,
      timestamp: 1783345314,
    });
    expect(indexPrice(eth.minPrice, eth.maxPrice, 18)).toBeCloseTo(1739.545434083952, 9);
    expect(indexPrice('615360000000000000000000000', '615360000000000000000000000', 8)).toBeCloseTo(61_536, 6);
    expect(indexPrice('0', '0', 8)).toBeNull();
    expect(v.safeParse(TickerRow, { tokenAddress: WETH, tokenSymbol: 'ETH', minPrice: '-1', maxPrice: '1' }).success).toBe(false);
  });

  it('reads candles as [time s, o, h, l, c] and per-second rate snapshots', () => {
    expect(v.parse(CandlesBody, { candles: [[1783342800, 1740.1, 1745, 1738.2, 1739.5]] }).candles[0]?.[4]).toBe(1739.5);
    expect(v.safeParse(CandlesBody, { candles: [[1783342800, 1740.1, 1745, 1738.2]] }).success).toBe(false);
    const rates = v.parse(RatesBody, [
      {
        marketAddress: ETH_USDC,
        ratesSnapshots: [
          { fundingRateLong: '-' + e30(1e-8), fundingRateShort: e30(2.5e-8), borrowingRateLong: e30(2e-8), borrowingRateShort: '0', timestamp: 1783342800 },
        ],
      },
    ]);
    expect(rates[0]?.ratesSnapshots[0]?.fundingRateLong).toBeCloseTo(-1e-8, 20);
  });
});
