import type { VenuePageReader } from './page-reader-types';
import type { VenueId } from './types';
import { binancePage } from './binance/page';
import { bybitPage } from './bybit/page';
import { dydxPage } from './dydx/page';
import { hyperliquidPage } from './hyperliquid/page';
import { okxPage } from './okx/page';

/** Every venue's page reader (refined-github style: where it applies, its anchor, how to read it). */
export const PAGE_READERS: Record<VenueId, VenuePageReader> = {
  binance: binancePage,
  bybit: bybitPage,
  okx: okxPage,
  hyperliquid: hyperliquidPage,
  dydx: dydxPage,
};
