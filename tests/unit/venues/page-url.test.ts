import { describe, expect, it } from 'vitest';
import { matchVenuePage } from '../../../src/venues';
import { hyperliquidSymbolFromTitle } from '../../../src/venues/hyperliquid/page-url';

describe('matchVenuePage', () => {
  it.each([
    ['https://www.binance.com/en/futures/BTCUSDT', 'BTCUSDT'],
    ['https://www.binance.com/zh-CN/futures/ETHUSDT', 'ETHUSDT'],
    ['https://www.binance.com/futures/1000PEPEUSDT', '1000PEPEUSDT'],
    ['https://www.binance.com/en/futures/BTCUSDT/', 'BTCUSDT'],
    ['https://www.binance.com/en/futures/BTCUSDT?type=cross', 'BTCUSDT'],
  ])('%s → %s', (url, symbol) => {
    expect(matchVenuePage(new URL(url))).toEqual({ venue: 'binance', symbol });
  });
  it.each([
    ['https://www.bybit.com/trade/usdt/BTCUSDT', 'bybit', 'BTCUSDT'],
    ['https://www.bybit.com/en/trade/usdt/ETHUSDT', 'bybit', 'ETHUSDT'],
    ['https://www.okx.com/trade-swap/btc-usdt-swap', 'okx', 'BTC-USDT-SWAP'],
    ['https://www.okx.com/zh-hans/trade-swap/eth-usdt-swap', 'okx', 'ETH-USDT-SWAP'],
    ['https://app.hyperliquid.xyz/trade/BTC', 'hyperliquid', 'BTC'],
    ['https://app.hyperliquid.xyz/trade/kPEPE', 'hyperliquid', 'kPEPE'],
    ['https://dydx.trade/trade/BTC-USD', 'dydx', 'BTC-USD'],
  ])('%s → %s %s', (url, venue, symbol) => {
    expect(matchVenuePage(new URL(url))).toEqual({ venue, symbol });
  });
  it.each([
    'https://www.binance.com/en/trade/BTC_USDT',
    'https://www.binance.com/en/futures/btcusdt',
    'https://www.binance.com/en/futures/BTCUSDT/extra',
    'https://evil.example/en/futures/BTCUSDT',
    'https://www.binance.com.evil.example/en/futures/BTCUSDT',
    'https://www.bybit.com/trade/spot/BTC/USDT',
    'https://www.okx.com/trade-spot/btc-usdt',
    'https://www.okx.com/trade-futures/btc-usd-250926',
    'https://app.hyperliquid.xyz/trade/@107',
    'https://app.hyperliquid.xyz/trade',
    'https://dydx.trade/portfolio',
  ])('%s is not a futures page', (url) => {
    expect(matchVenuePage(new URL(url))).toBeNull();
  });
});

describe('hyperliquidSymbolFromTitle: the bare trading page names its market only in the title', () => {
  it.each([
    ['https://app.hyperliquid.xyz/trade', '73.483 | SOL | Hyperliquid', 'SOL'],
    ['https://app.hyperliquid.xyz/', '97,123.5 | BTC | Hyperliquid', 'BTC'],
    ['https://app.hyperliquid.xyz/trade/', '0.011820 | kPEPE | Hyperliquid', 'kPEPE'],
  ])('%s titled %s → %s', (url, title, coin) => {
    expect(hyperliquidSymbolFromTitle(new URL(url), title)).toBe(coin);
  });

  it.each([
    // The URL names the coin: the title never overrides it.
    ['https://app.hyperliquid.xyz/trade/ETH', '73.483 | SOL | Hyperliquid'],
    ['https://app.hyperliquid.xyz/portfolio', '73.483 | SOL | Hyperliquid'],
    ['https://app.hyperliquid.xyz/trade', 'Hyperliquid'],
    ['https://app.hyperliquid.xyz/trade', '73.483 | PURR/USDC | Hyperliquid'],
    ['https://app.hyperliquid.xyz/trade', '73.483 | SOL | Evil'],
    ['https://evil.example/trade', '73.483 | SOL | Hyperliquid'],
  ])('%s titled %s → nothing', (url, title) => {
    expect(hyperliquidSymbolFromTitle(new URL(url), title)).toBeNull();
  });
});
