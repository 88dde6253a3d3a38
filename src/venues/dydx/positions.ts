import type { Http, Result } from '../market-types';
import type { Position } from '../position-types';
import { isDydxAddress } from './address';
import { dydxGet, dydxUrl } from './request';
import { ParentSubaccountResponse } from './schemas';

/**
 * Child subaccounts of parent 0 are 0, 128, 256, ...: 0 is the cross-margin account, every higher
 * one holds a single isolated position with its own collateral.
 */
const FIRST_ISOLATED_SUBACCOUNT = 128;

/**
 * Open positions of a dYdX address, cross and isolated, from the indexer. The indexer gives no
 * liquidation price and no mark; for an isolated position the subaccount's equity is the margin and
 * equity − unrealised PnL the wallet the liquidation formula takes. A cross position's margin is the
 * whole cross account, shared with its other positions, so it is left null rather than shown as if
 * it backed this one position alone.
 */
export async function fetchDydxPositions(address: string, http: Http): Promise<Result<Position[]>> {
  if (!isDydxAddress(address)) {
    return {
      ok: false,
      error: { kind: 'bad-request', venue: 'dydx', endpoint: '/v4/addresses', message: 'Not a dYdX address (dydx1…, with a valid checksum)' },
    };
  }
  const url = dydxUrl(['addresses', address.toLowerCase(), 'parentSubaccountNumber', '0']);
  const res = await dydxGet(http, url, ParentSubaccountResponse);
  if (!res.ok) {
    if (res.error.status === 404) {
      return { ok: false, error: { ...res.error, venue: 'dydx', message: 'dYdX has no account for this address (never funded?)' } };
    }
    return res;
  }
  const positions: Position[] = [];
  for (const sub of res.value.subaccount.childSubaccounts) {
    const isolated = sub.subaccountNumber >= FIRST_ISOLATED_SUBACCOUNT;
    for (const p of Object.values(sub.openPerpetualPositions)) {
      const size = Math.abs(p.size);
      if (size === 0 || (p.status !== undefined && p.status !== 'OPEN')) continue;
      positions.push({
        venue: 'dydx',
        symbol: p.market,
        side: p.side === 'LONG' ? 'long' : 'short',
        size,
        entryPrice: p.entryPrice,
        markPrice: null,
        liqPrice: null,
        liqNotServed: "dYdX's indexer serves no liquidation price (the web app computes it)",
        margin: isolated ? sub.equity : null,
        walletMargin: isolated ? sub.equity - p.unrealizedPnl : null,
        marginMode: isolated ? 'isolated' : 'cross',
        leverage: null,
        unrealizedPnl: p.unrealizedPnl,
        source: 'api',
      });
    }
  }
  return { ok: true, value: positions };
}
