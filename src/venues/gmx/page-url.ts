// GMX's interface routes in the URL's hash: `app.gmx.io/#/trade`, `#/trade/long`, `#/trade/short`.
// A shared link may add `?market=ETH&pool=WETH-USDC` to the hash, which the interface reads and then
// removes after two seconds (useTradeParamsProcessor.ts); otherwise the URL names no market, and the
// title does: "$ 3,412.38 | ETH USD | Decentralized perpetual exchange | GMX" (SyntheticsPage.tsx,
// getPageTitle; a stable chart token has no "USD").
import { gmxSymbol, isGmxSymbol } from './symbol';

const TRADE_HASH = /^#\/trade(?:\/(?:long|short))?\/?(?:\?(.*))?$/i;

function tradeQuery(url: URL): URLSearchParams | null {
  if (url.hostname !== 'app.gmx.io') return null;
  const m = TRADE_HASH.exec(url.hash);
  return m ? new URLSearchParams(m[1] ?? '') : null;
}

/** A GMX perpetuals trade page (with or without a market in its link). */
export const isGmxTradePage = (url: URL): boolean => tradeQuery(url) !== null;

/** The market a trade link names (`market` and `pool`, or `market` alone: the index), else null. */
export function gmxSymbolFromUrl(url: URL): string | null {
  const q = tradeQuery(url);
  const market = q?.get('market') ?? q?.get('to');
  if (!q || !market) return null;
  // Index tokens are upper case (`ETH`, `BTC`); links write them either way.
  const base = market.toUpperCase();
  const pool = /^([A-Za-z0-9.]+)-([A-Za-z0-9.]+)$/.exec(q.get('pool') ?? '');
  const symbol = pool?.[1] && pool[2] ? gmxSymbol(base, pool[1], pool[2]) : base;
  return symbol !== null && isGmxSymbol(symbol) ? symbol : null;
}

/** The chart's index from the title ("… | ETH USD | …"), or null. */
export function gmxSymbolFromTitle(title: string): string | null {
  const m = /\|\s*([A-Za-z0-9.]{1,16}) USD\s*\|/.exec(title);
  return m?.[1] && isGmxSymbol(m[1]) ? m[1] : null;
}
