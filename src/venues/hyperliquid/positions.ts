import * as v from 'valibot';
import { sideSign } from '../../core/side';
import type { Http, Result } from '../market-types';
import type { Position } from '../position-types';
import { parseWith } from '../schema';
import { normaliseHyperliquidAddress } from './address';
import { forDex, hyperliquidError, infoEndpoint, postInfo } from './info';
import { ClearinghouseState, PerpDexs } from './schemas';
import { hyperliquidDexOf, isHyperliquidCoin } from './symbol';
import { hyperliquidDescriptor } from './descriptor';

/** The dex list changes when a dex is deployed: an hour, as for the instrument list that shares it. */
const DEX_LIST_SHARE_MS = 3_600_000;

/** The builder-deployed (HIP-3) dexes, named by `perpDexs` (shared for an hour with the instrument list). */
async function dexNames(http: Http): Promise<Result<string[]>> {
  const type = 'perpDexs';
  const body = await postInfo(http, { type }, { shareForMs: DEX_LIST_SHARE_MS, accept: (b) => v.is(PerpDexs, b), background: true });
  if (!body.ok) return body;
  const dexes = parseWith(PerpDexs, body.value, hyperliquidDescriptor, infoEndpoint(type));
  if (!dexes.ok) return dexes;
  return { ok: true, value: dexes.value.flatMap((d) => (d === null ? [] : [d.name])) };
}

/** One dex's open positions (`dex` '' is the main dex, asked without the field as always). */
async function dexPositions(user: string, dex: string, http: Http): Promise<Result<Position[]>> {
  const type = 'clearinghouseState';
  const endpoint = infoEndpoint(type);
  const body = await postInfo(http, forDex({ type, user }, dex), { background: true });
  if (!body.ok) return body;
  const state = parseWith(ClearinghouseState, body.value, hyperliquidDescriptor, endpoint);
  if (!state.ok) return state;
  const positions: Position[] = [];
  for (const { position: p } of state.value.assetPositions) {
    if (p.szi === 0) continue;
    // A dex answers for its own markets only: a coin of another dex would be a broken answer.
    if (!isHyperliquidCoin(p.coin) || hyperliquidDexOf(p.coin) !== dex) {
      return hyperliquidError('schema', type, `asked for the ${dex === '' ? 'main' : dex} dex, got a position in ${p.coin}`);
    }
    const side = p.szi > 0 ? 'long' : 'short';
    const size = Math.abs(p.szi);
    if (p.entryPx === null || !(p.entryPx > 0)) {
      return hyperliquidError('schema', type, `${p.coin} position has no positive entryPx`);
    }
    const isolated = p.leverage.type === 'isolated';
    // docs/risk-math.md §1.1: the liquidation formula takes the isolated margin WITHOUT unrealised PnL, which
    // is rawUsd (the collateral in the position net of its cost, negative for a long) plus s·Q·EP.
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

/**
 * A wallet's open perpetual positions on Hyperliquid, read from the public `clearinghouseState`
 * (weight 2): the main dex's and each builder-deployed (HIP-3) dex's, since every dex margins apart
 * and answers for its own markets only. An address that never traded gets an empty state, not an
 * error. Any dex that cannot be read fails the whole answer: a partial list would hide that dex's
 * positions behind the page's (the panel then reads the page alone, and says why). The requests are
 * background work: the panel shows the page's rows meanwhile, so they wait for room in the budget
 * behind the page's market data rather than fail on a cold start.
 */
export async function fetchHyperliquidPositions(address: string, http: Http): Promise<Result<Position[]>> {
  const user = normaliseHyperliquidAddress(address);
  if (user === null) return hyperliquidError('bad-request', 'clearinghouseState', 'not a Hyperliquid address (0x followed by 40 hex digits)');
  const dexes = await dexNames(http);
  if (!dexes.ok) return dexes;
  const answers = await Promise.all(['', ...dexes.value].map((dex) => dexPositions(user, dex, http)));
  const positions: Position[] = [];
  for (const a of answers) {
    if (!a.ok) return a;
    positions.push(...a.value);
  }
  return { ok: true, value: positions };
}
