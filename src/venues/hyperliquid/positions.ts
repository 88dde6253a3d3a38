import { sideSign } from '../../core/side';
import type { Http, Result } from '../market-types';
import type { Position } from '../position-types';
import { parseWith } from '../schema';
import { normaliseHyperliquidAddress } from './address';
import { hyperliquidError, infoEndpoint, postInfo } from './info';
import { ClearinghouseState } from './schemas';
import { hyperliquidDescriptor } from './descriptor';

/**
 * A wallet's open perpetual positions on Hyperliquid's main dex, read from the public
 * `clearinghouseState` (weight 2). An address that never traded gets an empty state, not an error.
 */
export async function fetchHyperliquidPositions(address: string, http: Http): Promise<Result<Position[]>> {
  const type = 'clearinghouseState';
  const endpoint = infoEndpoint(type);
  const user = normaliseHyperliquidAddress(address);
  if (user === null) return hyperliquidError('bad-request', type, 'not a Hyperliquid address (0x followed by 40 hex digits)');
  const body = await postInfo(http, { type, user });
  if (!body.ok) return body;
  const state = parseWith(ClearinghouseState, body.value, hyperliquidDescriptor, endpoint);
  if (!state.ok) return state;
  const positions: Position[] = [];
  for (const { position: p } of state.value.assetPositions) {
    if (p.szi === 0) continue;
    const side = p.szi > 0 ? 'long' : 'short';
    const size = Math.abs(p.szi);
    if (p.entryPx === null || !(p.entryPx > 0)) {
      return hyperliquidError('schema', type, `${p.coin} position has no positive entryPx`);
    }
    const isolated = p.leverage.type === 'isolated';
    // docs/risk-math.md §1.1: the liquidation formula takes the isolated margin WITHOUT unrealised PnL, which
    // is rawUsd (USDC in the position net of its cost, negative for a long) plus s·Q·EP.
    const walletMargin = isolated && p.leverage.rawUsd !== undefined ? p.leverage.rawUsd + sideSign(side) * size * p.entryPx : null;
    positions.push({
      venue: 'hyperliquid',
      symbol: p.coin,
      side,
      size,
      entryPrice: p.entryPx,
      // positionValue is |size| × mark price, so it gives back the mark the venue used.
      markPrice: p.positionValue > 0 ? p.positionValue / size : null,
      liqPrice: p.liquidationPx !== null && p.liquidationPx > 0 ? p.liquidationPx : null,
      margin: p.marginUsed,
      walletMargin,
      marginMode: p.leverage.type,
      leverage: p.leverage.value,
      unrealizedPnl: p.unrealizedPnl,
      source: 'api',
    });
  }
  return { ok: true, value: positions };
}
