import { EVM_ADDRESS } from '../../protocol/patterns';
import type { VenueRecord } from '../record-types';
import { LIGHTER_STREAM, lighterDescriptor } from './descriptor';
import { lighterMarketClient } from './market';
import { lighterSymbolFromUrl, lighterTradeUrl } from './page-url';
import { fetchLighterPositions } from './positions';
import { isLighterSymbol } from './symbol';

export const lighterVenue = {
  id: 'lighter',
  pages: ['https://app.lighter.xyz/*'],
  // The quote's websocket (market_stats/all): Lighter serves mark, index and current funding nowhere else.
  websockets: [new URL(LIGHTER_STREAM).origin],
  market: { example: 'ETH', forAsset: (asset) => asset, quote: (symbol) => (isLighterSymbol(symbol) ? 'USDC' : null) },
  matchUrl: lighterSymbolFromUrl,
  client: lighterMarketClient,
  descriptor: lighterDescriptor,
  // Lighter's API serves an Ethereum address's accounts with their positions.
  wallet: {
    shape: EVM_ADDRESS,
    shapeMessage: 'must be 0x followed by 40 hexadecimal digits',
    isAddress: (a) => EVM_ADDRESS.test(a),
    invalidMessage: 'must be 0x followed by 40 hexadecimal digits',
    hint: 'The Ethereum address you sign in to Lighter with: 0x followed by 40 hexadecimal digits.',
    placeholder: '0x…',
    positions: fetchLighterPositions,
    tradeUrl: lighterTradeUrl,
  },
} as const satisfies VenueRecord<'lighter'>;
