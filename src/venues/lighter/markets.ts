import * as v from 'valibot';
import type { Http, Result } from '../market-types';
import { venueFailure } from '../request-kit';
import { LIGHTER_PATH, lighterDescriptor } from './descriptor';
import { lighterGet, lighterUrl } from './request';
import { DetailNumbers, DetailRow, DetailsBody } from './schemas';
import { isLighterSymbol } from './symbol';

// Lighter's market list (orderBookDetails, every market in one answer, shared for an hour): its
// tickers, the ids every other endpoint and the websocket use, and each market's margin fractions.
// The ids are Lighter's to change, so a ticker is mapped to its id from this list each time.

const HOUR = 3_600_000;

export interface LighterMarket {
  symbol: string;
  id: number;
  tickSize: number;
  numbers: DetailNumbers;
}

/** Markets one can hold a position in: `active`, and `paused` ones still held; not spot books. */
const HOLDABLE = new Set(['active', 'paused']);

export async function lighterMarkets(http: Http): Promise<Result<LighterMarket[]>> {
  const body = await lighterGet(http, lighterUrl(LIGHTER_PATH.details, { filter: 'all' }), DetailsBody, {
    shareForMs: HOUR,
    usable: (b) => b.order_book_details.length > 0,
  });
  if (!body.ok) return body;
  const out: LighterMarket[] = [];
  for (const raw of body.value.order_book_details) {
    const row = v.safeParse(DetailRow, raw);
    if (!row.success) continue;
    const r = row.output;
    if (r.market_type !== 'perp' || !HOLDABLE.has(r.status) || !isLighterSymbol(r.symbol)) continue;
    const nums = v.safeParse(DetailNumbers, raw);
    // Maintenance must sit between close-out and initial: any other order is a venue not understood.
    if (!nums.success) continue;
    const n = nums.output;
    if (!(n.closeout_margin_fraction <= n.maintenance_margin_fraction && n.maintenance_margin_fraction < n.min_initial_margin_fraction)) continue;
    out.push({ symbol: r.symbol, id: r.market_id, tickSize: +(10 ** -n.price_decimals).toPrecision(12), numbers: n });
  }
  if (out.length === 0) return venueFailure(lighterDescriptor, 'schema', LIGHTER_PATH.details, 'no usable perpetual in the list');
  return { ok: true, value: out };
}

/** One market by its ticker; a ticker the list lacks is Lighter not listing it. */
export async function lighterMarket(symbol: string, http: Http): Promise<Result<LighterMarket>> {
  const list = await lighterMarkets(http);
  if (!list.ok) return list;
  const m = list.value.find((x) => x.symbol === symbol);
  return m ? { ok: true, value: m } : venueFailure(lighterDescriptor, 'unknown-symbol', LIGHTER_PATH.details, `${symbol} is not a perpetual Lighter lists`);
}
