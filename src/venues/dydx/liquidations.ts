import * as v from 'valibot';
import type { Http, Instrument, LiquidationEvent, LiquidationPoll, Result } from '../market-types';
import { decimal } from '../schema';
import { DYDX_TRADES_PATH } from './descriptor';
import { dydxGet, dydxUrl } from './request';

// dYdX's liquidations are trades of type LIQUIDATED in the indexer's public trade list of the market
// (/v4/trades/perpetualMarket/{ticker}, newest first, every type mixed). A trade's `side` is its
// taker's, and a liquidation order is the taker, so a LIQUIDATED SELL closed a long (read from the
// indexer's model, not confirmed against a live liquidation: docs/liquidation-flow.md). Polled every
// 40 s while a view shows the market: the newest 100 trades, so what is covered starts at the oldest
// of them, and a busy minute beyond 100 trades restarts the covered time.

const LIMIT = 100;
const TICKER = /^[A-Z0-9]{1,20}-USD$/;

const Trades = v.looseObject({
  trades: v.array(
    v.looseObject({
      side: v.picklist(['BUY', 'SELL']),
      size: decimal,
      price: decimal,
      type: v.string(),
      createdAt: v.pipe(
        v.string(),
        v.isoTimestamp(),
        v.transform((s: string) => Date.parse(s)),
      ),
    }),
  ),
});

async function fetchLiquidations(inst: Instrument, http: Http): Promise<Result<{ events: LiquidationEvent[]; coveredFrom: number; source: string }>> {
  const asked = Date.now();
  if (!TICKER.test(inst.symbol))
    return { ok: false, error: { kind: 'bad-request', venue: 'dydx', endpoint: DYDX_TRADES_PATH, message: `not a dYdX market: ${inst.symbol}` } };
  const r = await dydxGet(http, dydxUrl(['trades', 'perpetualMarket', inst.symbol], { limit: String(LIMIT) }), Trades);
  if (!r.ok) return r;
  const trades = r.value.trades;
  const events: LiquidationEvent[] = trades
    .filter((t) => t.type === 'LIQUIDATED' && t.size > 0 && t.price > 0)
    .map((t) => ({ time: t.createdAt, side: t.side === 'SELL' ? 'long' : 'short', notional: t.size * t.price }));
  // Every type fills the page: the answer is complete from its oldest trade (or now, on an empty market).
  const oldest = trades.length >= LIMIT ? Math.min(...trades.map((t) => t.createdAt)) : asked - 24 * 3_600_000;
  return { ok: true, value: { events, coveredFrom: Number.isFinite(oldest) ? oldest : asked, source: '/v4/trades/perpetualMarket' } };
}

export const dydxLiquidations: LiquidationPoll = {
  kind: 'poll',
  everyMs: 40_000,
  fetch: (inst, http) => fetchLiquidations(inst, http),
};
