import type { VenueDescriptor } from '../market-types';

/** Lighter's public API (apidocs.lighter.xyz): REST under /api/v1, websocket /stream, no key. */
export const LIGHTER_API = 'https://mainnet.zklighter.elliot.ai';
export const LIGHTER_STREAM = 'wss://mainnet.zklighter.elliot.ai/stream';

export const LIGHTER_PATH = {
  details: '/api/v1/orderBookDetails',
  fundings: '/api/v1/fundings',
  candles: '/api/v1/candles',
  account: '/api/v1/account',
} as const;

/** The websocket channel every market's mark, index, current funding and open interest come on. */
export const LIGHTER_STATS_CHANNEL = 'market_stats/all';
/** How a quote names where its figures came from: the channel on the stream. */
export const LIGHTER_STATS_SOURCE = `/stream ${LIGHTER_STATS_CHANNEL}`;

/**
 * Lighter's docs ("Rate Limits") give a key-less client 60 REST requests per rolling minute per IP
 * (standard accounts are not weighted; `trades`/`recentTrades` would be capped at 40, PerpLens reads
 * neither). Websocket messages do not count against it: the quote comes on the socket.
 */
export const lighterDescriptor: VenueDescriptor = {
  venue: 'lighter',
  name: 'Lighter',
  // Partial liquidation starts once account value falls below the maintenance margin, the position
  // valued at the mark where it happens (docs/risk-math.md §1.1 Lighter); Lighter charges no fee in
  // the formula its app shows.
  liquidation: { valuation: 'liquidation', feeRate: 0 },
  apiBase: LIGHTER_API,
  rateLimit: {
    units: 60,
    windowMs: 60_000,
    unit: 'requests',
    note:
      'Lighter allows a key-less client 60 REST requests per rolling minute per IP. The quote (mark, index, ' +
      'current funding, open interest) comes on one websocket for every market (market_stats/all), not from ' +
      'REST. REST: the market list with its margin fractions 1 per hour (shared by every market), funding ' +
      'history 2 per hour (hourly settlements, 500 a request), candles 2 per 30 minutes (1h and 1d), zone bars ' +
      'one 15-minute candle request per bar. Lighter publishes no open-interest history: PerpLens records it ' +
      'while a market is watched.',
  },
  endpoints: [
    { path: LIGHTER_PATH.details, feeds: ['instruments', 'quote', 'tiers', 'candles', 'funding', 'zones'] },
    { path: LIGHTER_PATH.fundings, feeds: ['funding'] },
    { path: LIGHTER_PATH.candles, feeds: ['candles', 'zones'] },
  ],
};
