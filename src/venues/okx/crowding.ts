import * as v from 'valibot';
import { ratioToShare } from '../../core/crowding';
import { bothShares } from '../crowding-kit';
import type { CrowdingSeries, Http, Instrument, Result, SharePoint } from '../market-types';
import { venueFailure } from '../request-kit';
import { decimal, epochMs } from '../schema';
import { OKX_PATH, okxDescriptor } from './descriptor';
import { okxGet, okxUrl } from './request';

// How OKX's accounts are positioned: the contract long/short account ratio and the top traders'
// long/short position ratio (OKX's top 5% by position value, published from 2024-03-22), hourly,
// as `[ts, ratio]` rows newest first. A ratio long ÷ short is read as the long share r ÷ (1 + r).
// Both are rubik statistics, budgeted with the other rubik endpoints (descriptor.ts).

export const CROWDING_PATH = { accounts: OKX_PATH.accountRatio, topPositions: OKX_PATH.topPositionRatio } as const;

const Row = v.pipe(v.tuple([epochMs, decimal]), v.readonly());

async function shares(http: Http, path: string, instId: string): Promise<Result<SharePoint[]>> {
  const r = await okxGet(http, okxUrl(path, { instId, period: '1H', limit: '6' }), Row);
  if (!r.ok) return r;
  const out: SharePoint[] = [];
  for (const [time, ratio] of r.value) {
    const share = ratioToShare(ratio);
    if (share === null) return venueFailure(okxDescriptor, 'schema', path, `a long/short ratio of ${ratio}`);
    out.push({ time, value: share });
  }
  return { ok: true, value: out };
}

export function okxCrowding(inst: Instrument, http: Http): Promise<Result<CrowdingSeries>> {
  return bothShares(shares(http, CROWDING_PATH.accounts, inst.symbol), shares(http, CROWDING_PATH.topPositions, inst.symbol), CROWDING_PATH);
}
