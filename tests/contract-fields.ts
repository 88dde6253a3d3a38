// The DOM contract's fields of a position (design.md), written out by hand: the independent check of
// what the panel's figures table declares (src/ui/panel/card-figures.ts). Every one is present in
// every state of the panel, collapsed sections included.
export const POSITION_FIELDS = [
  'mark-price',
  'liq-price',
  'liq-source',
  'liq-distance',
  'liq-sigma',
  'liq-touch-24h',
  'funding-rate',
  'funding-interval-hours',
  'funding-rate-8h',
  'funding-apr',
  'funding-per-day',
  'funding-margin-share-per-day',
  'next-funding',
  'regime',
  'regime-window',
  'price-change',
  'oi-change',
  'funding-stretch',
  'crowded-side',
  'leverage',
  'entry-price',
  'liq-distance-money',
  'band',
  'premium',
  'zone-nearest-price',
  'zone-nearest-distance',
  'zone-between-share',
  'liq-zone-relation',
  'zone-model',
  'long-share-accounts',
  'long-share-top-positions',
  'taker-buy-share',
  'liquidations-long-1h',
  'liquidations-short-1h',
  'liquidations-long-24h',
  'liquidations-short-24h',
];

/** The market rows' zone fields (panel header and popup), beside the market figures they already carry. */
export const MARKET_ZONE_FIELDS = ['zone-long-nearest', 'zone-short-nearest'];

/** The market rows' liquidation-flow fields (each with data-covered-ms). */
export const FLOW_FIELD_NAMES = ['liquidations-long-1h', 'liquidations-short-1h', 'liquidations-long-24h', 'liquidations-short-24h'];

/** The market rows' crowding fields (panel header, popup and each card). */
export const CROWDING_FIELDS = ['long-share-accounts', 'long-share-top-positions', 'taker-buy-share'];
