import type { VenueDescriptor } from '../market-types';

export const HYPERLIQUID_API = 'https://api.hyperliquid.xyz';
/** Every public read is a POST of a JSON body to this one path; the body's `type` says what is asked. */
export const INFO_PATH = '/info';

export type InfoType = 'meta' | 'metaAndAssetCtxs' | 'fundingHistory' | 'candleSnapshot' | 'clearinghouseState' | 'perpDexs' | 'spotMeta';

/**
 * Base weight per request type, from the docs' "Rate limits" page (hyperliquid.gitbook.io
 * for-developers/api/rate-limits): clearinghouseState (like l2Book, allMids) weighs 2, every other
 * documented info request 20. Exported so the background can budget requests it schedules itself.
 */
export const REQUEST_WEIGHT: Readonly<Record<InfoType, number>> = {
  meta: 20,
  metaAndAssetCtxs: 20,
  fundingHistory: 20,
  candleSnapshot: 20,
  clearinghouseState: 2,
  perpDexs: 20,
  spotMeta: 20,
};

/**
 * History requests also cost weight per item returned: 1 per 20 rows for fundingHistory and 1 per 60
 * candles for candleSnapshot (as SDKs that track the limit list it; the docs page we could read gives
 * only the base weights — UNSURE). The client charges the most a request can return, so the budget
 * errs on the safe side.
 */
export const ITEMS_PER_EXTRA_WEIGHT: Readonly<Partial<Record<InfoType, number>>> = {
  fundingHistory: 20,
  candleSnapshot: 60,
};

export function requestWeight(type: InfoType, maxItems = 0): number {
  const per = ITEMS_PER_EXTRA_WEIGHT[type];
  return REQUEST_WEIGHT[type] + (per ? Math.ceil(maxItems / per) : 0);
}

export const hyperliquidDescriptor: VenueDescriptor = {
  venue: 'hyperliquid',
  name: 'Hyperliquid',
  // Hyperliquid: m = 1 / (2 × max leverage of the tier), valued at the liquidation price.
  liquidation: { valuation: 'liquidation', feeRate: 0 },
  apiBase: HYPERLIQUID_API,
  rateLimit: {
    units: 1200,
    windowMs: 60_000,
    unit: 'weight',
    note:
      '1200 weight per minute per IP, shared by all REST requests. Info weights: clearinghouseState 2, ' +
      'meta / metaAndAssetCtxs / perpDexs / spotMeta / fundingHistory / candleSnapshot 20, plus 1 per 20 ' +
      'funding rows and 1 per 60 candles returned. metaAndAssetCtxs serves every market of a dex at once, ' +
      'so quotes share one request per dex (the main one, and each builder-deployed HIP-3 dex watched). ' +
      "A HIP-3 market is looked up when asked for: its dex's meta and, once, spotMeta (its collateral's " +
      'name), each shared for an hour. Wallet positions: perpDexs (hourly) and one clearinghouseState per dex. ' +
      'Zone bars: one candleSnapshot of 15m candles, charged for every candle the span may hold: 20 + 12 ' +
      'weight for a cold start (673 candles), 21 for a 15-minute update.',
  },
  // Open interest has no history here: the background records it while watching.
  endpoints: [
    // A HIP-3 market is looked up in its own dex's `meta` (and its collateral named by `spotMeta`) when asked for.
    { path: `${INFO_PATH}#meta`, feeds: ['instruments', 'tiers'] },
    { path: `${INFO_PATH}#metaAndAssetCtxs`, feeds: ['quote'] },
    { path: `${INFO_PATH}#fundingHistory`, feeds: ['funding'] },
    { path: `${INFO_PATH}#candleSnapshot`, feeds: ['candles', 'zones'] },
  ],
};
