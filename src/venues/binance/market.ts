import * as v from 'valibot';
import { fetchJson } from '../../background/http';
import type { MarketQuote, Result } from '../market-types';
import { decimal, epochMs, parseWith, positiveDecimal } from '../schema';
import { isBinanceSymbol } from './symbol';

export const BINANCE_FAPI = 'https://fapi.binance.com';

const PremiumIndex = v.object({
  symbol: v.string(),
  markPrice: positiveDecimal,
  indexPrice: v.optional(positiveDecimal),
  lastFundingRate: decimal,
  // 0 is sent for symbols with no funding schedule (settling or delisted).
  nextFundingTime: v.union([v.pipe(v.literal(0), v.transform(() => null)), epochMs]),
  time: v.optional(epochMs),
});

export async function fetchBinanceQuote(symbol: string): Promise<Result<MarketQuote>> {
  const endpoint = '/fapi/v1/premiumIndex';
  if (!isBinanceSymbol(symbol)) {
    return { ok: false, error: { kind: 'unknown-symbol', venue: 'binance', endpoint, message: `Not a Binance perpetual symbol: ${symbol}` } };
  }
  const url = new URL(endpoint, BINANCE_FAPI);
  url.searchParams.set('symbol', symbol);
  const body = await fetchJson({ venue: 'binance', url });
  if (!body.ok) return body;
  const parsed = parseWith(PremiumIndex, body.value, 'binance', endpoint);
  if (!parsed.ok) return parsed;
  const p = parsed.value;
  if (p.symbol !== symbol) {
    return { ok: false, error: { kind: 'schema', venue: 'binance', endpoint, message: `binance ${endpoint}: asked for ${symbol}, got ${p.symbol}` } };
  }
  return {
    ok: true,
    value: {
      venue: 'binance',
      symbol,
      markPrice: p.markPrice,
      indexPrice: p.indexPrice ?? null,
      fundingRate: p.lastFundingRate,
      nextFundingTime: p.nextFundingTime,
      source: endpoint,
      fetchedAt: Date.now(),
    },
  };
}
