import { EVM_ADDRESS } from '../../protocol/patterns';
import type { VenueRecord } from '../record-types';
import { isHyperliquidAddress } from './address';
import { hyperliquidDescriptor } from './descriptor';
import { hyperliquidMarket } from './market';
import { hyperliquidTradeUrl, hyperliquidSymbolFromUrl, isHyperliquidBareTradePage } from './page-url';
import { fetchHyperliquidPositions } from './positions';

export const hyperliquidVenue = {
  id: 'hyperliquid',
  pages: ['https://app.hyperliquid.xyz/*'],
  websockets: [],
  // Perpetuals are named by their coin and settle in USDC.
  market: { example: 'BTC', forAsset: (asset) => asset, quote: () => 'USDC' },
  matchUrl: hyperliquidSymbolFromUrl,
  isBareTradePage: isHyperliquidBareTradePage,
  client: hyperliquidMarket,
  descriptor: hyperliquidDescriptor,
  wallet: {
    shape: EVM_ADDRESS,
    shapeMessage: 'must be 0x followed by 40 hexadecimal digits',
    isAddress: isHyperliquidAddress,
    invalidMessage: 'must be 0x followed by 40 hexadecimal digits',
    hint: '0x followed by 40 hexadecimal digits.',
    placeholder: '0x…',
    positions: fetchHyperliquidPositions,
    tradeUrl: hyperliquidTradeUrl,
  },
} as const satisfies VenueRecord<'hyperliquid'>;
