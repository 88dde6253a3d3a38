import * as v from 'valibot';
import type { Http, Instrument, LiquidationEvent, LiquidationPoll, Result } from '../market-types';
import { venueFailure } from '../request-kit';
import { decimal, epochMs } from '../schema';
import { OKX_PATH, okxDescriptor } from './descriptor';
import { okxGet, okxUrl } from './request';

// OKX's public liquidation history for a perpetual: /api/v5/public/liquidation-orders with instType
// SWAP, the market's instrument family (required for SWAP: error 50015 without it) and state filled;
// it reaches back one day at most. Sizes are in contracts (× ctVal for coins) at the bankruptcy
// price; `side` sell closes a long. Polled every minute while a view shows the market: the newest
// 100 orders, so a burst beyond that in one minute restarts the covered time from its oldest order.

export const LIQUIDATIONS_PATH = OKX_PATH.liquidations;
const LIMIT = 100;
const DAY = 24 * 3_600_000;
/** OKX's perpetual ids: `BTC-USDT-SWAP`; the family is the id without `-SWAP`. */
const SWAP_ID = /^([A-Z0-9]{1,20}-[A-Z0-9]{2,10})-SWAP$/;

const Row = v.looseObject({
  instId: v.optional(v.string()),
  instFamily: v.optional(v.string()),
  details: v.array(
    v.looseObject({
      side: v.picklist(['buy', 'sell']),
      bkPx: decimal,
      sz: decimal,
      ts: epochMs,
    }),
  ),
});

async function fetchLiquidations(inst: Instrument, http: Http): Promise<Result<{ events: LiquidationEvent[]; coveredFrom: number; source: string }>> {
  const family = SWAP_ID.exec(inst.symbol)?.[1];
  if (!family) return venueFailure(okxDescriptor, 'bad-request', LIQUIDATIONS_PATH, `not an OKX perpetual: ${inst.symbol}`);
  const url = okxUrl(LIQUIDATIONS_PATH, { instType: 'SWAP', instFamily: family, state: 'filled', limit: String(LIMIT) });
  const asked = Date.now();
  const rows = await okxGet(http, url, Row);
  if (!rows.ok) return rows;
  const events: LiquidationEvent[] = [];
  let count = 0;
  for (const row of rows.value) {
    if (row.instId !== undefined && row.instId !== inst.symbol) continue;
    if (row.instFamily !== undefined && row.instFamily !== family) {
      return venueFailure(okxDescriptor, 'schema', LIQUIDATIONS_PATH, `asked for ${family}, got ${row.instFamily}`);
    }
    for (const d of row.details) {
      count++;
      const notional = d.sz * inst.contractValue * d.bkPx;
      if (notional > 0) events.push({ time: d.ts, side: d.side === 'sell' ? 'long' : 'short', notional });
    }
  }
  // A full page may have left older orders out: the answer is complete only from its oldest one.
  const oldest = Math.min(...events.map((e) => e.time));
  const coveredFrom = count >= LIMIT && Number.isFinite(oldest) ? oldest : asked - DAY;
  return { ok: true, value: { events, coveredFrom, source: LIQUIDATIONS_PATH } };
}

export const okxLiquidations: LiquidationPoll = {
  kind: 'poll',
  everyMs: 60_000,
  fetch: (inst, http) => fetchLiquidations(inst, http),
};
