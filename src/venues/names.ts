import type { VenueId } from './types';

export const VENUE_NAMES: Record<VenueId, string> = {
  binance: 'Binance',
  bybit: 'Bybit',
  okx: 'OKX',
  hyperliquid: 'Hyperliquid',
  dydx: 'dYdX',
};
