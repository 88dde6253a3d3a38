// GMX's interface routes `/trade`, `/trade/long`, `/trade/short` (BrowserRouter since gmx-interface
// 64e943d, 2026-08: "Get rid of # in URL"); links of the older hash router, `/#/trade/...`, are
// rewritten by the app before it mounts (src/lib/legacyHashUrl.ts), and both are matched here.
// A shared link may add `?market=ETH&pool=WETH-USDC`, which the interface reads and removes two
// seconds later (useTradeParamsProcessor.ts); otherwise the URL names no market and the title does:
// "$ 3,412.38 | ETH USD | Decentralized perpetual exchange | GMX" (SyntheticsPage.tsx, getPageTitle).
import { gmxSymbol, isGmxSymbol, parseGmxSymbol } from './symbol';

const TRADE_PATH = /^\/trade(?:\/(?:long|short))?\/?$/i;
const TRADE_HASH = /^#\/trade(?:\/(?:long|short))?\/?(?:\?(.*))?$/i;

function tradeQuery(url: URL): URLSearchParams | null {
  if (url.hostname !== 'app.gmx.io') return null;
  if (TRADE_PATH.test(url.pathname) && (url.hash === '' || url.hash === '#')) return url.searchParams;
  if (url.pathname !== '/') return null;
  const m = TRADE_HASH.exec(url.hash);
  return m ? new URLSearchParams(m[1] ?? '') : null;
}

/** A GMX perpetuals trade page (with or without a market in its link); swaps are not. */
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

/** The trade page of a market (its link with market and pool, which the app reads once). */
export function gmxTradeUrl(symbol: string): string {
  const m = parseGmxSymbol(symbol);
  const q = m ? `?market=${encodeURIComponent(m.base)}&pool=${encodeURIComponent(`${m.longToken}-${m.shortToken}`)}` : `?market=${encodeURIComponent(symbol)}`;
  return `https://app.gmx.io/trade${q}`;
}
