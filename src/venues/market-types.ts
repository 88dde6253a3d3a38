import type { MarginTier } from '../core/types';
import type { ZoneBar } from '../core/liq-zones';
import type { VenueId } from './types';

/** A figure as fetched: where it came from and when, so the UI can say how old it is. */
export interface Sourced {
  /**
   * The endpoint path it was fetched from, e.g. `/fapi/v1/premiumIndex` (Hyperliquid: `/info <type>`);
   * for a quote, the paths of every endpoint that fed it, joined with ` + `. Which figure came from
   * which of them: `MarketQuote.figureSources`.
   */
  source: string;
  /** Epoch ms at which the response arrived. */
  fetchedAt: number;
}

export const WINDOWS = ['1h', '4h', '24h'] as const;
export type Window = (typeof WINDOWS)[number];
export const WINDOW_MS: Record<Window, number> = { '1h': 3_600_000, '4h': 14_400_000, '24h': 86_400_000 };

/** One tradable perpetual as the venue lists it. */
export interface Instrument {
  venue: VenueId;
  /** The venue's own symbol: `BTCUSDT`, `BTC-USDT-SWAP`, `BTC`, `BTC-USD`. */
  symbol: string;
  /**
   * Canonical base asset so one asset can be compared across venues: `BTC`. Unit-scaled listings
   * keep their prefix (`1000PEPE`, `kPEPE`): comparing them with `PEPE` would be off by 1000×.
   */
  asset: string;
  /** Quote/settlement currency: `USDT`, `USDC`, `USD`. */
  quote: string;
  /** Base units per contract; 1 where the venue counts in base units (OKX: ctVal). */
  contractValue: number;
  tickSize: number | null;
  /** Funding interval from the instrument list where the venue serves it there. */
  fundingIntervalHours: number | null;
}

/** The figures of a quote, each of which names the endpoint it came from (`MarketQuote.figureSources`). */
export const QUOTE_FIGURES = [
  'markPrice',
  'indexPrice',
  'lastPrice',
  'fundingRate',
  'fundingIntervalHours',
  'nextFundingTime',
  'fundingCap',
  'fundingFloor',
  'openInterest',
] as const;
export type QuoteFigure = (typeof QUOTE_FIGURES)[number];

/** The fast-moving part of a market: prices, the current funding rate and open interest now. */
export interface MarketQuote extends Sourced {
  venue: VenueId;
  symbol: string;
  /**
   * The price the venue margins and liquidates on: its mark price (Hyperliquid's `markPx`, which its
   * docs say drives liquidations), or the oracle price where that is the only price (dYdX).
   */
  markPrice: number;
  /** Index (CEX) or oracle (Hyperliquid, dYdX) price. */
  indexPrice: number | null;
  /** Funding is paid on the mark price on CEXs and on the oracle price on Hyperliquid and dYdX. */
  fundingPriceBasis?: 'mark' | 'index';
  /** The venue margins on its oracle price itself (dYdX): mark and index are one price, so it has no premium. */
  markIsIndex?: true;
  lastPrice: number | null;
  /** Current (predicted) funding rate for the running interval, a fraction. */
  fundingRate: number;
  fundingIntervalHours: number | null;
  /** Epoch ms of the next funding settlement. */
  nextFundingTime: number | null;
  fundingCap: number | null;
  fundingFloor: number | null;
  /** Open interest now, in BASE units (coins), never contracts or USD. */
  openInterest: number | null;
  /**
   * The endpoint path each figure came from, one of those in `source`: an entry for every figure that
   * is not null, none for a null one. A figure the venue fixes rather than serves (Hyperliquid's hourly
   * interval and cap, dYdX's hourly schedule) names the one request its quote came with. Figures
   * outside the quote (funding average and percentile, volatility, price and OI changes, tiers) carry
   * their part's source and fetchedAt instead (`parts` in snapshot-types.ts).
   */
  figureSources: Partial<Record<QuoteFigure, string>>;
  /**
   * Where funding and borrowing accrue every second, each side at its own rate (GMX): per hour, as
   * fractions of a position's size at entry; funding positive when received. `fundingRate` is then
   * the paying side's rate per hour, positive when longs pay.
   */
  sideRates?: Record<'long' | 'short', { funding: number; borrowing: number }>;
  /** The longs' share of open interest where the venue publishes both sides (GMX): crowding measured. */
  longShare?: number;
}

export interface FundingPoint {
  /** Settlement time, epoch ms. */
  time: number;
  /** Settled rate for that interval, a fraction. */
  rate: number;
}

export interface FundingHistory extends Sourced {
  /** Ascending by time; ≥ 30 days where the venue serves it. */
  points: FundingPoint[];
  /** Interval derived from the gap between settlements (null with fewer than two points). */
  intervalHours: number | null;
}

export interface SeriesPoint {
  time: number;
  value: number;
}

/** Open interest over time in BASE units, ascending; hourly or finer, covering ≥ 25 h where served. */
export interface OiHistory extends Sourced {
  points: SeriesPoint[];
}

export interface Candles extends Sourced {
  /** Hourly closes, ascending, covering ≥ 25 h: price changes over 1h/4h/24h. Time = candle open. */
  hourly: SeriesPoint[];
  /** Daily closes, ascending, ≥ 31 where served: 30 daily log returns for volatility. */
  daily: SeriesPoint[];
}

export interface TierTable extends Sourced {
  tiers: MarginTier[];
  /** The highest leverage the market allows (its first tier's), where the venue's answer says; the zone model drops buckets above it. */
  maxLeverage?: number;
  /** True when the venue's endpoint failed and a bundled table was used instead. */
  fallback: boolean;
  /** A bundled table's date (YYYY-MM-DD): how old its figures are. */
  asOf?: string;
  /** Why the venue's own table was not used (the live request's failure). */
  why?: string;
  /** The closing fee counted with the maintenance rate, where the venue sets it per market (GMX); else the descriptor's. */
  feeRate?: number;
}

/**
 * One 15-minute bar for the liquidation-zone model, as the venue serves it: the model's own bar
 * (core/liq-zones.ts). `time` is the bar's OPEN (a multiple of 15 minutes); volumes and the open
 * interest at the bar's CLOSE are in BASE units; `oi` is null where the venue publishes no OI
 * history (Hyperliquid: the background fills it from what it recorded while watching).
 */
export type ZoneBarRow = ZoneBar;

export const ZONE_BAR_MS = 15 * 60_000;
/** How far back the zone model reads: 7 days of 15-minute bars. */
export const ZONE_LOOKBACK_MS = 7 * 24 * 3_600_000;

export interface ZoneBars extends Sourced {
  /** Ascending by time, no duplicates; only bars whose close OI the venue has published (the running bar may be left out). */
  bars: ZoneBarRow[];
}

/** One long share (0–1) at a time, as the venues' account-ratio endpoints publish it. */
export interface SharePoint {
  time: number;
  value: number;
}

/** How the venue's accounts are positioned (core/crowding.ts). */
export interface CrowdingSeries extends Sourced {
  /** Share of accounts net long, any order, covering ≥ 4 h where served; null: the venue publishes none. */
  accounts: SharePoint[] | null;
  /** The top traders' long share of positions; null: the venue publishes none. */
  topPositions: SharePoint[] | null;
}

/** One forced close as a venue publishes it: which side was liquidated, and its size in quote currency. */
export interface LiquidationEvent {
  time: number;
  /** The side of the position that was liquidated (a SELL order closes a long). */
  side: 'long' | 'short';
  /** Size × price, in the quote currency. */
  notional: number;
}

/** What one message of a liquidation stream held. */
export type StreamMessage =
  | { kind: 'events'; events: LiquidationEvent[] }
  /** A subscription answer, a pong or anything else the venue sends that carries no liquidation. */
  | { kind: 'other'; pong?: true }
  /** Not what the venue sends: counted, and too many of them end the connection. */
  | { kind: 'garbage'; why: string };

/** A venue's public websocket of liquidations for one market (Binance forceOrder, Bybit allLiquidation). */
export interface LiquidationStream {
  kind: 'stream';
  /** The URL for the market, built from the validated symbol (its host is listed in the venue record's `websockets`). */
  url(inst: Instrument): string;
  /** The message that subscribes once the socket is open, where the venue wants one. */
  subscribe?(inst: Instrument): string;
  /** An application-level ping, where the venue answers one: how a stalled stream is told from a quiet one. */
  ping?: { message: string; everyMs: number };
  read(data: unknown, inst: Instrument): StreamMessage;
}

/** A venue's REST history of liquidations, polled while the market is watched (OKX, dYdX). */
export interface LiquidationPoll {
  kind: 'poll';
  everyMs: number;
  /**
   * The liquidations since `since` (epoch ms; null: as far back as one request reaches), and from
   * when the answer is complete: events before `coveredFrom` may be missing.
   */
  fetch(inst: Instrument, http: Http, since: number | null): Promise<Result<{ events: LiquidationEvent[]; coveredFrom: number; source: string }>>;
}

/**
 * A venue's public websocket that pushes every market's live figures on one connection (Lighter's
 * `market_stats/all`): where a venue serves its mark, index and current funding only there, the quote
 * is read from it. The background keeps one connection per feed while a view asks for any of its markets.
 */
export interface QuoteFeed {
  venue: VenueId;
  /** A fixed URL (its origin is listed in the venue record's `websockets`). */
  url: string;
  /** Sent once the socket is open. */
  subscribe: readonly string[];
  /** Sent this often to keep the connection (the venue drops a client silent for longer). */
  keepalive: { message: string; everyMs: number };
  /** No figures for this long (pings and pongs do not count): stalled, connected again. */
  stallMs: number;
  read(body: unknown): FeedMessage;
}

/** What one message of a quote feed held. */
export type FeedMessage =
  /** Payloads per market key (the venue's own id), each parsed by the venue's quote when asked for. */
  | { kind: 'items'; items: readonly (readonly [key: string, payload: unknown])[] }
  /** A greeting, a subscription answer, a ping (with the answer it wants) or a pong. */
  | { kind: 'other'; reply?: string }
  /** Not what the venue sends: counted, and too many in a row end the connection. */
  | { kind: 'garbage'; why: string };

/** The background's pushed feeds, as a venue's quote reads them. */
export interface Feeds {
  /**
   * The newest payload the feed pushed for `key` on the connection now open. A feed not running is
   * started, and the call waits a few seconds for its first message; a feed that is down, stalled or
   * silent about `key` answers a FetchError saying which. `receivedAt`: when the connection last
   * pushed figures, as of which the market's last push still stands.
   */
  latest(feed: QuoteFeed, key: string): Promise<Result<{ payload: unknown; receivedAt: number }>>;
}

export const FETCH_ERROR_KINDS = [
  'region-blocked',
  'rate-limited',
  'http',
  'timeout',
  'network',
  'malformed',
  'schema',
  'unknown-symbol',
  'bad-request',
  'unsupported',
] as const;
export type FetchErrorKind = (typeof FETCH_ERROR_KINDS)[number];

/** A failure that names the venue, the endpoint and what was wrong; never a NaN further down. */
export interface FetchError {
  kind: FetchErrorKind;
  venue: VenueId | null;
  endpoint: string;
  message: string;
  /** When the venue told us (Retry-After) or our backoff decided when to try again. */
  retryAt?: number;
  status?: number;
  /** The venue's own error code from an error body (Binance `{"code":-1121}`), for the client to read. */
  venueCode?: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: FetchError };

/** How a venue client reaches the network: the background hands in a rate-limited, shared fetch. */
export interface HttpRequest {
  url: URL;
  method?: 'GET' | 'POST';
  body?: unknown;
  /** Responses to the same request are shared for this long (exchange-wide lists, Hyperliquid's meta). */
  shareForMs?: number;
  /**
   * With shareForMs: whether a body is the venue's real answer. Only such a body is shared; a broken
   * one (wrong types, an error envelope) replayed to every caller for an hour would outlast the fault.
   */
  accept?: (body: unknown) => boolean;
  /** Units of the venue's rate limit this request costs (Binance weight, Hyperliquid weight); default 1. */
  weight?: number;
  /**
   * A 200 whose body is the venue saying "too many" in its own envelope (Bybit 10006, OKX 50011):
   * that refusal, so the gate holds and backs off exactly as for an HTTP 429; null for any other body.
   */
  refusal?: (body: unknown) => FetchError | null;
  /**
   * Background work (the zone history, the account ratios, the polled liquidations): it yields to
   * every request a view is waiting for, and may wait longer for room in the budget.
   */
  background?: true;
}
export type Http = (req: HttpRequest) => Promise<Result<unknown>>;

/** ccxt-style: every venue implements the same calls and returns the same structures. */
export interface VenueMarketClient {
  venue: VenueId;
  /** Every perpetual the venue lists (for symbol validation, autocomplete, canonical asset). */
  instruments(http: Http): Promise<Result<Instrument[]>>;
  /**
   * A market the list above leaves out for what listing it would cost (Hyperliquid's builder-deployed
   * dexes, one request each), looked up by itself when asked for; null: the venue does not list it.
   */
  instrument?: (symbol: string, http: Http) => Promise<Result<Instrument | null>>;
  /** `feeds`: the background's pushed feeds, for a venue whose quote comes from its websocket (Lighter). */
  quote(inst: Instrument, http: Http, feeds?: Feeds): Promise<Result<MarketQuote>>;
  fundingHistory(inst: Instrument, http: Http): Promise<Result<FundingHistory>>;
  /** null: the venue publishes no OI history (Hyperliquid) — the background records snapshots. */
  oiHistory: ((inst: Instrument, http: Http) => Promise<Result<OiHistory>>) | null;
  candles(inst: Instrument, http: Http): Promise<Result<Candles>>;
  tiers(inst: Instrument, http: Http): Promise<Result<TierTable>>;
  /**
   * 15-minute bars for the zone model: with `since` (the open time of the newest bar already held)
   * the bars from that one on (it is asked again: it may have been the running bar); with null the
   * last 7 days (ZONE_LOOKBACK_MS). Only new bars are fetched once the history is held.
   */
  zoneBars(inst: Instrument, http: Http, since: number | null): Promise<Result<ZoneBars>>;
  /** Account and top-trader long shares; absent: the venue publishes neither (Hyperliquid, dYdX). */
  crowding?: (inst: Instrument, http: Http) => Promise<Result<CrowdingSeries>>;
  /** The venue publishes a taker-buy volume with its 15-minute bars (Binance, OKX): the taker-buy share. */
  publishesTakerSplit?: true;
  /** Where the venue publishes its market's liquidations; absent: it publishes none (Hyperliquid). */
  liquidations?: LiquidationStream | LiquidationPoll;
}

/** What is data stays data: hosts and the venue's published limit, apart from the parsing code. */
export interface VenueDescriptor {
  venue: VenueId;
  /** As the venue writes it; every message about the venue uses it. */
  name: string;
  apiBase: string;
  /** Other API origins the client may call (Binance's public brackets live on www.binance.com). */
  extraOrigins?: string[];
  /** How the venue computes an isolated liquidation price (docs/risk-math.md §1.1). */
  liquidation: { valuation: 'liquidation' | 'entry'; feeRate: number };
  /** The published per-IP limit, as requests (or weight) per window, for the budget and the report. */
  rateLimit: { units: number; windowMs: number; unit: 'requests' | 'weight'; note: string };
  /**
   * The venue's own error codes PerpLens acts on (in an HTTP error body or inside a 200's envelope),
   * each with the kind it stands for and, where the venue's text says too little, what it means.
   */
  errorCodes?: Readonly<Record<string, { kind: FetchErrorKind; means?: string }>>;
  /** Published limits of their own on some endpoints (paths), in requests per window, on top of the venue's. */
  endpointLimits?: readonly { paths: readonly string[]; requests: number; windowMs: number }[];
  /**
   * Every endpoint the market client reads and what it feeds (the instrument list or parts of the
   * snapshot): `origin` defaults to apiBase; `{symbol}` stands for the market in a path; Hyperliquid's
   * one POST path is told apart by its body's type (`/info#meta`). The fault matrix faults each one,
   * and fails when the client reads one not listed here.
   */
  endpoints: readonly VenueEndpoint[];
}

export interface VenueEndpoint {
  origin?: string;
  path: string;
  feeds: readonly ('instruments' | 'quote' | 'funding' | 'oi' | 'candles' | 'tiers' | 'zones' | 'crowding' | 'flow')[];
}
