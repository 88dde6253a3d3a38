import { DYDX_ADDRESS } from '../../protocol/patterns';
import type { VenueRecord } from '../record-types';
import { isDydxAddress } from './address';
import { dydxDescriptor } from './descriptor';
import { dydxMarket } from './market';
import { dydxSymbolFromUrl, dydxTradeUrl } from './page-url';
import { fetchDydxPositions } from './positions';

export const dydxVenue = {
  id: 'dydx',
  pages: ['https://dydx.trade/*'],
  websockets: [],
  // Tickers such as BTC-USD, settled in USD(C) and quoted in USD.
  market: { example: 'BTC-USD', forAsset: (asset) => `${asset}-USD`, quote: (symbol) => (/-USD$/.test(symbol) ? 'USD' : null) },
  matchUrl: dydxSymbolFromUrl,
  client: dydxMarket,
  descriptor: dydxDescriptor,
  wallet: {
    // Typed input may come in capitals: the shape is checked without case, the checksum after.
    shape: new RegExp(DYDX_ADDRESS.source, 'i'),
    shapeMessage: 'must be dydx1 followed by 38 address characters',
    isAddress: isDydxAddress,
    invalidMessage: 'checksum does not match: the address has a typo',
    hint: 'dydx1… (its checksum is verified).',
    placeholder: 'dydx1…',
    positions: fetchDydxPositions,
    tradeUrl: dydxTradeUrl,
  },
} as const satisfies VenueRecord<'dydx'>;
