import type { WindowChange } from '../core';
import type { ZoneMap } from '../core/liq-zones';
import type { ShareReading } from '../core/crowding';
import type { FetchError, MarketQuote, TierTable, Window } from './market-types';
import type { VenueId } from './types';

/** How one part of a snapshot was obtained: when, from where, and the last error since. */
export interface PartStatus {
  fetchedAt: number | null;
  source: string | null;
  error: FetchError | null;
}

export type SnapshotPart = 'quote' | 'funding' | 'oi' | 'candles' | 'tiers' | 'zones' | 'crowding' | 'flow';

/** The modelled liquidation zones of a market (core/liq-zones.ts, docs/liquidation-zones.md). */
export type ZoneState =
  | {
      status: 'ready';
      map: ZoneMap;
      /** `recorded`: the venue publishes no OI history; the model runs on what PerpLens recorded while watching. */
      basis: 'venue' | 'recorded';
      /** How much time the bars with a known OI cover. */
      coveredMs: number;
      /** The first tier's maintenance rate and the market's maximum leverage the levels were set with. */
      maintenanceRate: number;
      maxLeverage: number;
      /** `assumed`: the venue's answer did not state it; 1 / (2 × maintenance rate) was used. */
      maxLeverageSource: 'venue' | 'assumed';
      /** Close time of the newest bar: how old the model's data is. */
      dataAt: number;
    }
  /** Recorded OI covers less than a day: nothing is drawn yet. */
  | { status: 'building'; coveredMs: number; needMs: number }
  | { status: 'unavailable'; reason: string };

/** A crowding figure: read, not published by the venue, or unavailable now (with why). */
export type CrowdingFigure<T> = { status: 'ready'; reading: T } | { status: 'not-published' } | { status: 'unavailable'; reason: string };

/** How the market's accounts are positioned (core/crowding.ts). */
export interface Crowding {
  /** Share of accounts net long. */
  accounts: CrowdingFigure<ShareReading>;
  /** The top traders' long share of positions. */
  topPositions: CrowdingFigure<ShareReading>;
  /** Taker-buy share of volume over each regime window, from the 15-minute bars. */
  takerBuy: CrowdingFigure<Record<Window, number | null>>;
}

/** Longs and shorts liquidated over a window, in quote currency, and how much of it the record covers. */
export interface FlowWindow {
  long: number;
  short: number;
  coveredMs: number;
}

/** The market's liquidation flow (background/flow.ts). */
export type FlowState =
  | {
      status: 'live';
      connection: 'connecting' | 'open' | 'retrying' | 'polling';
      /** Since when the record is complete; null until the first connection or answer. */
      coveredFrom: number | null;
      /** The last failure, while retrying. */
      error: string | null;
      /** The venue's feed: `wss://…@forceOrder`, `/api/v5/public/liquidation-orders`. */
      source: string;
      '1h': FlowWindow | null;
      '24h': FlowWindow | null;
    }
  | { status: 'not-published' }
  | { status: 'unavailable'; reason: string };

/** Everything the panel and the popup need about one market, normalised across venues. */
export interface MarketSnapshot {
  venue: VenueId;
  symbol: string;
  asset: string;
  /** The currency amounts are settled in, as the venue writes it: `USDT`, `USDC`, `USD`. */
  quoteCurrency?: string;
  /** Base units per contract (OKX `ctVal`; 1 where the venue counts in coins), for reading sizes in contracts. */
  contractValue: number;
  quote: MarketQuote;
  fundingIntervalHours: number;
  /** Where the interval came from: the venue said so, the gap between settlements, or the 8h default. */
  fundingIntervalSource: 'venue' | 'history' | 'default';
  /** Mean settled rate over the last 7 days, per interval. */
  fundingAvg7d: number | null;
  /** Rank (0–1) of the current rate among the last 30 days of settled rates. */
  fundingPercentile30d: number | null;
  /** Standard deviation of daily log returns over the last 30 days. */
  dailyVol: number | null;
  priceChange: Record<Window, WindowChange>;
  /** In base units. */
  oiChange: Record<Window, WindowChange>;
  /** `recorded`: the venue publishes no OI history; PerpLens records it while the market is watched. */
  oiBasis: 'venue' | 'recorded';
  tiers: TierTable | null;
  /** The venue's convention for isolated liquidation prices (from its descriptor). */
  liquidation: { valuation: 'liquidation' | 'entry'; feeRate: number };
  zones: ZoneState;
  crowding: Crowding;
  flow: FlowState;
  /** Last 24 hourly values, for sparklines. */
  sparkline: { price: number[]; oi: number[] };
  parts: Record<SnapshotPart, PartStatus>;
  builtAt: number;
}

/**
 * How often the background refreshes a quote. 30 s keeps Hyperliquid (20 weight a quote) near 3% of
 * its limit; the page's own mark price drives the panel's live distance, so this need not be faster.
 */
export const QUOTE_REFRESH_MS = 30_000;
/** A quote older than this (two refreshes missed) is shown as stale, with its age. */
export const staleAfterMs = (quoteRefreshMs: number): number => 2 * quoteRefreshMs + 5_000;
