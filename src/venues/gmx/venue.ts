import { EVM_ADDRESS } from '../../protocol/patterns';
import type { VenueRecord } from '../record-types';
import { gmxDescriptor } from './descriptor';
import { gmxMarket } from './market';
import { gmxSymbolFromUrl, gmxTradeUrl, isGmxTradePage } from './page-url';
import { fetchGmxPositions } from './positions';
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
  // GMX's API serves an account's positions by address (what its own interface shows).
  wallet: {
    shape: EVM_ADDRESS,
    shapeMessage: 'must be 0x followed by 40 hexadecimal digits',
    isAddress: (a) => EVM_ADDRESS.test(a),
    invalidMessage: 'must be 0x followed by 40 hexadecimal digits',
    hint: 'Your Arbitrum account: 0x followed by 40 hexadecimal digits.',
    placeholder: '0x…',
    positions: fetchGmxPositions,
    tradeUrl: gmxTradeUrl,
  },
} as const satisfies VenueRecord<'gmx'>;
