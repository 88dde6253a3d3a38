import * as v from 'valibot';
import type { CrowdingSeries, Http, Instrument, Result } from '../market-types';
import { venueFailure } from '../request-kit';
import { BITGET_PATH, bitgetDescriptor } from './descriptor';
import { bitgetGet, bitgetUrl } from './request';
import { AccountRatioRow } from './schemas';

// How Bitget's accounts are positioned: /account-long-short (a "trading insight" endpoint, 1 request
// / s per IP), hourly, `longAccountRatio` the share of accounts long. Bitget's position-long-short is
// not documented as a top-trader figure, so the top-trader share is left as not published rather
// than filled with another population's number. The endpoint takes no productType and no limit.

const PATH = BITGET_PATH.accountRatio;

export async function bitgetCrowding(inst: Instrument, http: Http): Promise<Result<CrowdingSeries>> {
  const url = bitgetUrl(PATH, { symbol: inst.symbol, period: '1h', productType: undefined });
  const r = await bitgetGet(http, url, v.array(AccountRatioRow));
  if (!r.ok) return r;
  const bad = r.value.find(
    (row) => !(row.longAccountRatio <= 1 && row.shortAccountRatio <= 1 && Math.abs(row.longAccountRatio + row.shortAccountRatio - 1) < 0.02),
  );
  if (bad) return venueFailure(bitgetDescriptor, 'schema', PATH, `long and short account shares of ${bad.longAccountRatio} and ${bad.shortAccountRatio}`);
  return {
    ok: true,
    value: { accounts: r.value.map((row) => ({ time: row.ts, value: row.longAccountRatio })), topPositions: null, source: PATH, fetchedAt: Date.now() },
  };
}
