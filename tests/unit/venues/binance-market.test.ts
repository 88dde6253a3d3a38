import { afterEach, describe, expect, it, vi } from 'vitest';
import { fetchBinanceQuote } from '../../../src/venues/binance/market';

// The sample from shared/reference/venues.md.
const SAMPLE = {
  symbol: 'BTCUSDT',
  markPrice: '11793.63104562',
  indexPrice: '11781.80495970',
  estimatedSettlePrice: '11781.16138815',
  lastFundingRate: '0.00038246',
  nextFundingTime: 1597392000000,
  interestRate: '0.00010000',
  time: 1597370495002,
};

function serve(body: unknown) {
  const spy = vi.fn(async (_url: URL) => new Response(JSON.stringify(body)));
  vi.stubGlobal('fetch', spy);
  return spy;
}

afterEach(() => vi.unstubAllGlobals());

describe('fetchBinanceQuote', () => {
  it('normalises premiumIndex', async () => {
    const spy = serve(SAMPLE);
    const r = await fetchBinanceQuote('BTCUSDT');
    expect(spy.mock.calls[0]?.[0].toString()).toBe('https://fapi.binance.com/fapi/v1/premiumIndex?symbol=BTCUSDT');
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.value).toMatchObject({
        venue: 'binance',
        symbol: 'BTCUSDT',
        markPrice: 11793.63104562,
        indexPrice: 11781.8049597,
        fundingRate: 0.00038246,
        nextFundingTime: 1597392000000,
        source: '/fapi/v1/premiumIndex',
      });
      expect(r.value.fetchedAt).toBeGreaterThan(0);
    }
  });

  it('treats nextFundingTime 0 as unknown', async () => {
    serve({ ...SAMPLE, nextFundingTime: 0 });
    const r = await fetchBinanceQuote('BTCUSDT');
    expect(r.ok && r.value.nextFundingTime).toBeNull();
  });

  it.each([
    ['a NaN string', { ...SAMPLE, markPrice: 'NaN' }],
    ['a missing field', { ...SAMPLE, lastFundingRate: undefined }],
    ['a wrong type', { ...SAMPLE, markPrice: 11793.6 }],
    ['a negative mark', { ...SAMPLE, markPrice: '-1' }],
    ['an array (no symbol sent)', [SAMPLE]],
    ['another symbol', { ...SAMPLE, symbol: 'ETHUSDT' }],
  ])('refuses %s as a schema error', async (_what, body) => {
    serve(body);
    const r = await fetchBinanceQuote('BTCUSDT');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ kind: 'schema', venue: 'binance', endpoint: '/fapi/v1/premiumIndex' });
  });

  it('refuses a symbol that is not a Binance perpetual without a request', async () => {
    const spy = serve(SAMPLE);
    for (const bad of ['btcusdt', 'BTC-USDT', 'BTCUSDT/../x', 'BTCUSDT&limit=1']) {
      const r = await fetchBinanceQuote(bad);
      expect(r.ok || r.error.kind).toBe('unknown-symbol');
    }
    expect(spy).not.toHaveBeenCalled();
  });
});
