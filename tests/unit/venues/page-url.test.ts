import { describe, expect, it } from 'vitest';
import { matchVenuePage } from '../../../src/venues';

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
    'https://www.binance.com/en/trade/BTC_USDT',
    'https://www.binance.com/en/futures/btcusdt',
    'https://www.binance.com/en/futures/BTCUSDT/extra',
    'https://evil.example/en/futures/BTCUSDT',
    'https://www.binance.com.evil.example/en/futures/BTCUSDT',
  ])('%s is not a futures page', (url) => {
    expect(matchVenuePage(new URL(url))).toBeNull();
  });
});
