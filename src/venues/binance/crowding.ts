import * as v from 'valibot';
import { bothShares } from '../crowding-kit';
import type { CrowdingSeries, Http, Instrument, Result, SharePoint } from '../market-types';
import { getJson, venueFailure, venueUrl } from '../request-kit';
import { decimal, epochMs } from '../schema';
import { BINANCE_FAPI, BINANCE_PATH, binanceDescriptor } from './descriptor';

// How Binance's accounts are positioned: the share of accounts net long (globalLongShortAccountRatio)
// and the top traders' long share of positions (topLongShortPositionRatio; Binance's top 20% of
// accounts by margin), hourly, the last six hours: the newest and the one four hours before it.
// Both publish `longAccount` as the long share (0–1) beside the ratio; 30 days kept.

export const CROWDING_PATH = {
  accounts: BINANCE_PATH.accountRatio,
  topPositions: BINANCE_PATH.topPositionRatio,
} as const;

const Rows = v.array(v.looseObject({ symbol: v.string(), longAccount: decimal, timestamp: epochMs }));

async function shares(http: Http, path: string, symbol: string): Promise<Result<SharePoint[]>> {
  const url = venueUrl(BINANCE_FAPI, path, { symbol, period: '1h', limit: '6' });
  const r = await getJson(http, binanceDescriptor, url, Rows);
  if (!r.ok) return r;
  const other = r.value.find((row) => row.symbol !== symbol);
  if (other) return venueFailure(binanceDescriptor, 'schema', path, `asked for ${symbol}, got ${other.symbol}`);
  const bad = r.value.find((row) => !(row.longAccount >= 0 && row.longAccount <= 1));
  if (bad) return venueFailure(binanceDescriptor, 'schema', path, `a long share of ${bad.longAccount}`);
  return { ok: true, value: r.value.map((row) => ({ time: row.timestamp, value: row.longAccount })) };
}

export function binanceCrowding(inst: Instrument, http: Http): Promise<Result<CrowdingSeries>> {
  return bothShares(shares(http, CROWDING_PATH.accounts, inst.symbol), shares(http, CROWDING_PATH.topPositions, inst.symbol), CROWDING_PATH);
}
