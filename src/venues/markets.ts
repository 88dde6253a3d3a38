import type { Http, Result, VenueDescriptor, VenueMarketClient } from './market-types';
import type { Position } from './position-types';
import type { VenueId } from './types';
import { binanceDescriptor } from './binance/descriptor';
import { binanceMarket } from './binance/market';
import { bybitDescriptor } from './bybit/descriptor';
import { bybitMarket } from './bybit/market';
import { dydxDescriptor } from './dydx/descriptor';
import { dydxMarket } from './dydx/market';
import { isDydxAddress } from './dydx/address';
import { fetchDydxPositions } from './dydx/positions';
import { hyperliquidDescriptor } from './hyperliquid/descriptor';
import { hyperliquidMarket } from './hyperliquid/market';
import { isHyperliquidAddress } from './hyperliquid/address';
import { fetchHyperliquidPositions } from './hyperliquid/positions';
import { okxDescriptor } from './okx/descriptor';
import { okxMarket } from './okx/market';

export interface VenueMarkets {
  client: VenueMarketClient;
  descriptor: VenueDescriptor;
  /** Positions by wallet address, for the venues that publish them (Hyperliquid, dYdX). */
  positions?: (address: string, http: Http) => Promise<Result<Position[]>>;
  isAddress?: (address: string) => boolean;
}

/** Every venue's market-data client, behind the one interface (ccxt-style). */
export const VENUE_MARKETS: Record<VenueId, VenueMarkets> = {
  binance: { client: binanceMarket, descriptor: binanceDescriptor },
  bybit: { client: bybitMarket, descriptor: bybitDescriptor },
  okx: { client: okxMarket, descriptor: okxDescriptor },
  hyperliquid: { client: hyperliquidMarket, descriptor: hyperliquidDescriptor, positions: fetchHyperliquidPositions, isAddress: isHyperliquidAddress },
  dydx: { client: dydxMarket, descriptor: dydxDescriptor, positions: fetchDydxPositions, isAddress: isDydxAddress },
};
