import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseQuoteReply, parseRequest } from '../../src/messages';

describe('parseRequest', () => {
  it('accepts a quote request', () => {
    expect(parseRequest({ type: 'market.quote', venue: 'binance', symbol: 'BTCUSDT' })).toEqual({
      type: 'market.quote',
      venue: 'binance',
      symbol: 'BTCUSDT',
    });
  });
  it.each([
    ['an unknown type', { type: 'fetch', url: 'https://evil.example' }],
    ['an unknown venue', { type: 'market.quote', venue: 'evilex', symbol: 'BTCUSDT' }],
    ['a URL as symbol', { type: 'market.quote', venue: 'binance', symbol: 'https://evil.example/' }],
    ['a path in the symbol', { type: 'market.quote', venue: 'binance', symbol: '../../x' }],
    ['extra keys', { type: 'market.quote', venue: 'binance', symbol: 'BTCUSDT', url: 'https://evil.example' }],
    ['no object', 'market.quote'],
    ['null', null],
  ])('refuses %s', (_what, input) => {
    expect(parseRequest(input)).toBeNull();
  });
  it('never throws on arbitrary input', () => {
    fc.assert(fc.property(fc.anything(), (x) => {
      parseRequest(x);
      return true;
    }), { numRuns: 1000 });
  });
});

describe('parseQuoteReply', () => {
  it('refuses a quote with a non-finite number', () => {
    const quote = { venue: 'binance', symbol: 'BTCUSDT', markPrice: Number.NaN, indexPrice: null, fundingRate: 0, nextFundingTime: null, source: '/x', fetchedAt: 1 };
    expect(parseQuoteReply({ ok: true, quote })).toBeNull();
    expect(parseQuoteReply({ ok: true, quote: { ...quote, markPrice: 1 } })).not.toBeNull();
  });
});
