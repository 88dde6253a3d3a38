import type { FakeAsset } from './market-state';
import { HOUR } from './market-state';
import { quarterCandles } from './quarters';
import { json, type Reply } from './reply';
import { dydxCascade, withCascade } from './cascade';
import type { FakeRequest, FakeState, VenueHandler } from './venue-handler';

// The dYdX v4 indexer (indexer.dydx.trade/v4), in the shapes of comlink's api-documentation.md:
// decimals as strings, times as ISO-8601, series newest first, funding hourly. Errors are HTTP 400
// (validation, e.g. an unknown ticker) or 404 (nothing found) with `{"errors":[{"msg": ...}]}`.

const DAY = 24 * HOUR;
const MAX_LIMIT = 1000;
/** Funding settles in the first block after the hour: block time lands a little later. */
const BLOCK_DELAY_MS = 700;

/** Per market: maintenance and initial margin fractions, tick and step sizes. */
export const DYDX_PARAMS: Readonly<Record<string, { mmf: string; imf: string; tickSize: string; stepSize: string; clobPairId: string }>> = {
  BTC: { mmf: '0.012', imf: '0.02', tickSize: '1', stepSize: '0.0001', clobPairId: '0' },
  ETH: { mmf: '0.012', imf: '0.02', tickSize: '0.1', stepSize: '0.001', clobPairId: '1' },
  SOL: { mmf: '0.03', imf: '0.05', tickSize: '0.01', stepSize: '0.1', clobPairId: '5' },
};

const str = (n: number): string => String(+n.toPrecision(12));
const iso = (ms: number): string => new Date(ms).toISOString();

const validationError = (location: string, param: string, value: string, msg: string): Reply => json({ errors: [{ location, msg, param, value }] }, 400);
const badTicker = (location: string, value: string): Reply => validationError(location, 'ticker', value, 'ticker must be a valid ticker (BTC-USD, etc)');

function assetOf(ticker: string, state: FakeState): FakeAsset | undefined {
  const m = /^([A-Z0-9]+)-USD$/.exec(ticker);
  return m?.[1] && DYDX_PARAMS[m[1]] ? state.markets.get(m[1]) : undefined;
}

/** `limit` as comlink reads it: absent → 1000, else a positive integer not above 1000. */
function limitOf(req: FakeRequest): number | Reply {
  const raw = req.query.get('limit');
  if (raw === null) return MAX_LIMIT;
  const n = Number(raw);
  if (Number.isInteger(n) && n > 0 && n <= MAX_LIMIT) return n;
  return validationError('query', 'limit', raw, `limit must be a positive integer that is not greater than max: ${MAX_LIMIT}`);
}

function hourlyUntil(m: FakeAsset, now: number): FakeAsset['hourly'] {
  return m.hourly.filter((h) => h.time <= now);
}

function market(m: FakeAsset, now: number): Record<string, unknown> {
  const p = DYDX_PARAMS[m.asset];
  const h = hourlyUntil(m, now);
  const dayAgo = h[h.length - 25]?.close ?? m.markPrice;
  return {
    clobPairId: p?.clobPairId ?? '99',
    ticker: `${m.asset}-USD`,
    status: 'ACTIVE',
    // dYdX has no separate mark: the oracle price is what it margins and funds on.
    oraclePrice: str(m.markPrice),
    priceChange24H: str(m.markPrice - dayAgo),
    volume24H: '1520000000.5',
    trades24H: 41250,
    nextFundingRate: str(m.fundingRate8h / 8),
    initialMarginFraction: p?.imf ?? '0.05',
    maintenanceMarginFraction: p?.mmf ?? '0.03',
    openInterest: str(m.openInterest),
    atomicResolution: -10,
    quantumConversionExponent: -9,
    tickSize: p?.tickSize ?? '0.01',
    stepSize: p?.stepSize ?? '1',
    stepBaseQuantums: 1000000,
    subticksPerTick: 100000,
    marketType: 'CROSS',
    openInterestLowerCap: '0',
    openInterestUpperCap: '0',
    baseOpenInterest: str(m.openInterest * 0.98),
    defaultFundingRate1H: '0',
  };
}

interface Bar {
  time: number;
  open: number;
  high: number;
  low: number;
  close: number;
  oi: number;
  volume: number;
}

function hourlyBars(m: FakeAsset, now: number): Bar[] {
  const hours = hourlyUntil(m, now);
  return hours.map((h, i) => {
    const prev = hours[i - 1];
    const open = prev?.close ?? h.close;
    // startingOpenInterest: the OI when the candle opened, i.e. where the previous hour ended.
    return { time: h.time, open, high: Math.max(open, h.close), low: Math.min(open, h.close), close: h.close, oi: prev?.oi ?? h.oi, volume: 10 + (i % 5) };
  });
}

function dailyBars(m: FakeAsset, now: number): Bar[] {
  const days = new Map<number, Bar>();
  for (const b of hourlyBars(m, now)) {
    const day = Math.floor(b.time / DAY) * DAY;
    const d = days.get(day);
    if (!d) days.set(day, { ...b, time: day });
    else days.set(day, { ...d, high: Math.max(d.high, b.high), low: Math.min(d.low, b.low), close: b.close, volume: d.volume + b.volume });
  }
  return [...days.values()];
}

/** The 15-minute history; startingOpenInterest is the OI when the candle opened, the previous bar's close. */
function quarterBars(m: FakeAsset, now: number): Bar[] {
  return quarterCandles(m, now).map((c) => ({ time: c.time, open: c.open, high: c.high, low: c.low, close: c.close, oi: c.startOi, volume: c.volume }));
}

/** An optional ISO-8601 bound: absent → undefined, else epoch ms, or a validation error. */
function isoParam(req: FakeRequest, name: string): number | undefined | Reply {
  const raw = req.query.get(name);
  if (raw === null) return undefined;
  const ms = Date.parse(raw);
  return /^\d{4}-\d{2}-\d{2}T/.test(raw) && !Number.isNaN(ms) ? ms : validationError('query', name, raw, 'Invalid value');
}

function candles(req: FakeRequest, m: FakeAsset, ticker: string): Reply {
  const resolution = req.query.get('resolution') ?? '';
  const bars =
    resolution === '1HOUR' ? hourlyBars(m, req.now) : resolution === '1DAY' ? dailyBars(m, req.now) : resolution === '15MINS' ? quarterBars(m, req.now) : null;
  if (!bars)
    return validationError(
      'query',
      'resolution',
      resolution,
      'resolution must be a valid Candle Resolution, one of 1MIN,5MINS,15MINS,30MINS,1HOUR,4HOURS,1DAY',
    );
  const limit = limitOf(req);
  if (typeof limit !== 'number') return limit;
  // fromISO inclusive, toISO exclusive on startedAt; newest first, the newest `limit` (comlink's candle table).
  const from = isoParam(req, 'fromISO');
  const to = isoParam(req, 'toISO');
  if (typeof from === 'object') return from;
  if (typeof to === 'object') return to;
  return json({
    candles: bars
      .filter((b) => (from === undefined || b.time >= from) && (to === undefined || b.time < to))
      .slice(-limit)
      .reverse()
      .map((b) => ({
        startedAt: iso(b.time),
        ticker,
        resolution,
        low: str(b.low),
        high: str(b.high),
        open: str(b.open),
        close: str(b.close),
        baseTokenVolume: str(b.volume),
        usdVolume: str(b.volume * b.close),
        trades: 12 + (Math.floor(b.time / HOUR) % 9),
        startingOpenInterest: str(b.oi),
        orderbookMidPriceOpen: str(b.open),
        orderbookMidPriceClose: str(b.close),
        id: `${ticker}-${resolution}-${b.time}`,
      })),
  });
}

function historicalFunding(req: FakeRequest, m: FakeAsset, ticker: string): Reply {
  const limit = limitOf(req);
  if (typeof limit !== 'number') return limit;
  const beforeRaw = req.query.get('effectiveBeforeOrAt');
  const before = beforeRaw === null ? Infinity : Date.parse(beforeRaw);
  if (Number.isNaN(before)) return validationError('query', 'effectiveBeforeOrAt', beforeRaw ?? '', 'effectiveBeforeOrAt must be a valid ISO string');
  const closeAt = new Map(m.hourly.map((h) => [h.time, h.close]));
  const rows = m.fundingHistory8h
    .map((f) => ({ ...f, at: f.time + BLOCK_DELAY_MS }))
    .filter((f) => f.at <= req.now && f.at <= before)
    .slice(-limit)
    .reverse()
    .map((f) => ({
      ticker,
      rate: str(f.rate / 8),
      price: str(closeAt.get(f.time) ?? m.markPrice),
      effectiveAt: iso(f.at),
      effectiveAtHeight: String(30_000_000 + (Math.floor(f.time / HOUR) % 1_000_000)),
    }));
  return json({ historicalFunding: rows });
}

/**
 * `state.accounts` holds, per lower-case address, the body the indexer would send for parent
 * subaccount 0: `{"subaccount": {address, parentSubaccountNumber, equity, freeCollateral,
 * childSubaccounts: [...]}}`. A bare subaccount object is wrapped in `{subaccount}`.
 */
function parentSubaccount(address: string, parentRaw: string, state: FakeState): Reply {
  const parent = Number(parentRaw);
  if (!Number.isInteger(parent) || parent < 0 || parent >= 128) {
    return validationError('params', 'parentSubaccountNumber', parentRaw, 'parentSubaccountNumber must be a non-negative integer less than 128');
  }
  const payload = parent === 0 ? state.accounts.get(address.toLowerCase()) : undefined;
  if (payload === undefined || address !== address.toLowerCase() || !address.startsWith('dydx1')) {
    return json({ errors: [{ msg: `No subaccounts found for address ${address} and parentSubaccountNumber ${parent}` }] }, 404);
  }
  return json(payload !== null && typeof payload === 'object' && 'subaccount' in payload ? payload : { subaccount: payload });
}

// With the cascade layer's endpoints in front (cascade.ts).
export const dydxApi: VenueHandler = withCascade(dydxCascade, (req, state) => {
  if (!req.path.startsWith('/v4/')) return null;
  const parts = req.path
    .slice('/v4/'.length)
    .split('/')
    .map((p) => decodeURIComponent(p));

  if (parts.length === 1 && parts[0] === 'perpetualMarkets') {
    const ticker = req.query.get('ticker');
    if (ticker !== null) {
      const m = assetOf(ticker, state);
      return m ? json({ markets: { [ticker]: market(m, req.now) } }) : badTicker('query', ticker);
    }
    const markets: Record<string, unknown> = {};
    for (const m of state.markets.values()) {
      if (DYDX_PARAMS[m.asset]) markets[`${m.asset}-USD`] = market(m, req.now);
    }
    // A real list also holds markets that cannot be traded; the client must leave them out.
    const sol = state.markets.get('SOL');
    if (sol) markets['LUNA-USD'] = { ...market(sol, req.now), ticker: 'LUNA-USD', status: 'FINAL_SETTLEMENT', clobPairId: '60' };
    return json({ markets });
  }

  if (parts.length === 2 && parts[0] === 'historicalFunding') {
    const ticker = parts[1] ?? '';
    const m = assetOf(ticker, state);
    return m ? historicalFunding(req, m, ticker) : badTicker('params', ticker);
  }

  if (parts.length === 3 && parts[0] === 'candles' && parts[1] === 'perpetualMarkets') {
    const ticker = parts[2] ?? '';
    const m = assetOf(ticker, state);
    return m ? candles(req, m, ticker) : badTicker('params', ticker);
  }

  if (parts.length === 4 && parts[0] === 'addresses' && parts[2] === 'parentSubaccountNumber') {
    return parentSubaccount(parts[1] ?? '', parts[3] ?? '', state);
  }

  return null;
});
