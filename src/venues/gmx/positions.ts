import * as v from 'valibot';
import { EVM_ADDRESS } from '../../protocol/patterns';
import type { Http, Result } from '../market-types';
import type { Position } from '../position-types';
import { getJson, venueFailure } from '../request-kit';
import { GMX_PATH, gmxDescriptor } from './descriptor';
import { marketTable } from './market';
import type { GmxMarket, GmxToken } from './markets';
import { gmxApiUrl } from './request';
import { PositionRow } from './schemas';
import { isIndexCollateral } from './liquidation';

/**
 * An account's open GMX positions from `/v1/positions?address=` (what GMX's own interface reads:
 * its liquidation price, leverage and margin as it computes them), joined with the market table by
 * the market's address. The page stays the cross-check. A position on a market the table does not
 * know, or one still opening, is left out.
 */
export async function fetchGmxPositions(address: string, http: Http): Promise<Result<Position[]>> {
  if (!EVM_ADDRESS.test(address))
    return venueFailure(gmxDescriptor, 'bad-request', GMX_PATH.positions, 'Not an Arbitrum account (0x followed by 40 hexadecimal digits)');
  const [rows, table] = await Promise.all([
    getJson(http, gmxDescriptor, gmxApiUrl(GMX_PATH.positions, { address: address.toLowerCase() }), v.array(PositionRow)),
    marketTable(http),
  ]);
  if (!rows.ok) return rows;
  if (!table.ok) return table;
  const byAddress = new Map(table.value.markets.map((m) => [m.marketToken, m]));
  const out: Position[] = [];
  for (const r of rows.value) {
    const m = byAddress.get(r.marketAddress.toLowerCase());
    if (!m || r.isOpening || !(r.sizeInTokens > 0)) continue;
    const size = r.sizeInTokens / 10 ** m.index.decimals;
    const collateral = collateralOf(m, r.collateralTokenAddress.toLowerCase());
    const inBase =
      collateral && r.remainingCollateralAmount !== undefined && isIndexCollateral(collateral.symbol, m.base)
        ? r.remainingCollateralAmount / 10 ** collateral.decimals
        : undefined;
    const entry = r.entryPrice !== undefined && r.entryPrice > 0 ? r.entryPrice : r.sizeInUsd / size;
    out.push({
      venue: 'gmx',
      symbol: m.symbol,
      side: r.isLong ? 'long' : 'short',
      size,
      entryPrice: entry,
      markPrice: r.markPrice > 0 ? r.markPrice : null,
      liqPrice: r.liquidationPrice !== undefined && r.liquidationPrice > 0 ? r.liquidationPrice : null,
      ...(r.liquidationPrice === undefined ? { liqNotServed: "GMX's API gave no liquidation price for this position" } : {}),
      margin: r.remainingCollateralUsd,
      walletMargin: null,
      ...(inBase !== undefined ? { collateralInBase: inBase } : {}),
      marginMode: 'isolated',
      leverage: r.leverage !== undefined && r.leverage > 0 ? r.leverage / 10_000 : null,
      unrealizedPnl: r.pnl,
      source: 'api',
    });
  }
  return { ok: true, value: out };
}

/** The collateral token among the market's (long or short token). */
function collateralOf(m: GmxMarket, address: string): GmxToken | null {
  if (m.long.address === address) return m.long;
  if (m.short.address === address) return m.short;
  return m.index.address === address ? m.index : null;
}
