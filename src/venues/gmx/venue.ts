import type { VenueRecord } from '../record-types';
import { gmxDescriptor } from './descriptor';
import { gmxMarket } from './market';
import { gmxSymbolFromUrl, isGmxTradePage } from './page-url';
import { isGmxSymbol } from './symbol';

export const gmxVenue = {
  id: 'gmx',
  pages: ['https://app.gmx.io/*'],
  // GMX publishes its liquidations on-chain only: no public stream.
  websockets: [],
  // A market is its index and pool (`ETH:WETH-USDC`); the index alone (`ETH`) is its deepest pool.
  market: { example: 'ETH', forAsset: (asset) => asset, quote: (symbol) => (isGmxSymbol(symbol) ? 'USD' : null) },
  matchUrl: gmxSymbolFromUrl,
  isBareTradePage: isGmxTradePage,
  client: gmxMarket,
  descriptor: gmxDescriptor,
} as const satisfies VenueRecord<'gmx'>;
