import * as v from 'valibot';
import type { CrowdingSeries, Http, Instrument, Result } from '../market-types';
import { envelope, getJson, venueFailure, venueUrl } from '../request-kit';
import { decimal, epochMs } from '../schema';
import { BYBIT_API, BYBIT_PATH, bybitDescriptor } from './descriptor';
import { Envelope } from './schemas';

// How Bybit's accounts are positioned: /v5/market/account-ratio, the share of accounts net long
// (`buyRatio`), hourly, the last six hours. Bybit publishes no top-trader ratio.

export const ACCOUNT_RATIO_PATH = BYBIT_PATH.accountRatio;

const ENVELOPE = envelope(Envelope, (e) => (e.retCode === 0 ? { ok: true, payload: e.result } : { ok: false, code: String(e.retCode), message: e.retMsg }));
const AccountRatio = v.looseObject({ list: v.array(v.looseObject({ symbol: v.string(), buyRatio: decimal, timestamp: epochMs })) });

export async function bybitCrowding(inst: Instrument, http: Http): Promise<Result<CrowdingSeries>> {
  const url = venueUrl(BYBIT_API, ACCOUNT_RATIO_PATH, { category: 'linear', symbol: inst.symbol, period: '1h', limit: '6' });
  const r = await getJson(http, bybitDescriptor, url, AccountRatio, { envelope: ENVELOPE });
  if (!r.ok) return r;
  const other = r.value.list.find((row) => row.symbol !== inst.symbol);
  if (other) return venueFailure(bybitDescriptor, 'schema', ACCOUNT_RATIO_PATH, `asked for ${inst.symbol}, got ${other.symbol}`);
  const bad = r.value.list.find((row) => !(row.buyRatio >= 0 && row.buyRatio <= 1));
  if (bad) return venueFailure(bybitDescriptor, 'schema', ACCOUNT_RATIO_PATH, `a long share of ${bad.buyRatio}`);
  return {
    ok: true,
    value: {
      accounts: r.value.list.map((row) => ({ time: row.timestamp, value: row.buyRatio })),
      topPositions: null,
      source: ACCOUNT_RATIO_PATH,
      fetchedAt: Date.now(),
    },
  };
}
