import * as v from 'valibot';
import { EVM_ADDRESS } from '../../protocol/patterns';
import type { Http, Result } from '../market-types';
import type { Position } from '../position-types';
import { venueFailure } from '../request-kit';
import { LIGHTER_PATH, lighterDescriptor } from './descriptor';
import { lighterGet, lighterUrl } from './request';
import { AccountPosition, AccountsBody } from './schemas';
import { isLighterSymbol } from './symbol';

/**
 * The open positions of every Lighter account (main and sub-accounts) of an Ethereum address, from
 * `/api/v1/account?by=l1_address` (what Lighter's app shows: its liquidation price, margin and PnL).
 * The page stays the cross-check. A row in a shape PerpLens does not know is left out.
 */
export async function fetchLighterPositions(address: string, http: Http): Promise<Result<Position[]>> {
  if (!EVM_ADDRESS.test(address))
    return venueFailure(lighterDescriptor, 'bad-request', LIGHTER_PATH.account, 'Not an Ethereum address (0x followed by 40 hexadecimal digits)');
  const body = await lighterGet(http, lighterUrl(LIGHTER_PATH.account, { by: 'l1_address', value: address }), AccountsBody);
  if (!body.ok) {
    // An address that never opened a Lighter account holds no position: Lighter answers it with an error.
    if (body.error.kind === 'bad-request' || body.error.status === 400 || body.error.status === 404) return { ok: true, value: [] };
    return body;
  }
  const out: Position[] = [];
  for (const account of body.value.accounts) {
    for (const raw of account.positions) {
      const row = v.safeParse(AccountPosition, raw);
      if (!row.success) continue;
      const p = row.output;
      if (p.sign === 0 || !(p.position > 0) || !isLighterSymbol(p.symbol) || !(p.avg_entry_price > 0)) continue;
      const isolated = p.margin_mode === 1;
      const allocated = isolated && p.allocated_margin !== undefined && p.allocated_margin > 0 ? p.allocated_margin : null;
      const pnl = p.unrealized_pnl ?? null;
      out.push({
        venue: 'lighter',
        symbol: p.symbol,
        side: p.sign === 1 ? 'long' : 'short',
        size: p.position,
        entryPrice: p.avg_entry_price,
        markPrice: p.position_value !== undefined && p.position_value > 0 ? p.position_value / p.position : null,
        // "0" is Lighter's "none" (a position its margin can never lose).
        liqPrice: p.liquidation_price > 0 ? p.liquidation_price : null,
        margin: allocated !== null ? allocated + (pnl ?? 0) : null,
        // The isolated margin as allocated, before PnL: what the liquidation formula takes.
        walletMargin: allocated,
        marginMode: p.margin_mode === undefined ? null : isolated ? 'isolated' : 'cross',
        leverage: p.initial_margin_fraction !== undefined && p.initial_margin_fraction > 0 ? 100 / p.initial_margin_fraction : null,
        unrealizedPnl: pnl,
        source: 'api',
      });
    }
  }
  return { ok: true, value: out };
}
