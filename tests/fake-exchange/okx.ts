import type { FakeAsset } from './market-state';
import { HOUR, nextFunding } from './market-state';
import { QUARTER, quarterCandles, quarterOi } from './quarters';
import { json, type Reply } from './reply';
import { okxCascade, withCascade } from './cascade';
import type { FakeRequest, VenueHandler } from './venue-handler';

// OKX v5 public API, in the shapes of docs-v5 (see shared/reference/venues.md): an envelope
// `{code, msg, data}`, every figure a decimal string, times as numeric strings, series newest first.
// A business error (unknown instId) is a non-"0" code under HTTP 200; a malformed request is HTTP 400
// with the same envelope. Only /api/v5/ is served here: www.okx.com also serves OKX's trading pages.

const DAY = 24 * HOUR;
/** OKX's usual interval; the e2e expects it on every fake swap. */
const DEFAULT_FUNDING_HOURS = 8;
/** OKX's per-request maximum for funding-rate-history (docs-v5: `limit` at most 400). */
const FUNDING_HISTORY_MAX = 400;

/** Base coins per contract, as OKX lists them for these swaps. */
export const OKX_CONTRACT_VALUE: Readonly<Record<string, number>> = { BTC: 0.01, ETH: 0.1, SOL: 1 };

/** Tier bounds in contracts (OKX counts whole contracts) with their maintenance rates. */
export const OKX_TIERS: readonly { minSz: number; maxSz: number; mmr: number; imr: number; maxLever: number }[] = [
  { minSz: 0, maxSz: 2_000, mmr: 0.004, imr: 0.01, maxLever: 100 },
  { minSz: 2_001, maxSz: 10_000, mmr: 0.005, imr: 0.0133, maxLever: 75 },
  { minSz: 10_001, maxSz: 40_000, mmr: 0.0065, imr: 0.02, maxLever: 50 },
  { minSz: 40_001, maxSz: 100_000, mmr: 0.01, imr: 0.05, maxLever: 20 },
];

const ok = (data: unknown[]): Reply => json({ code: '0', msg: '', data });
const unknownInstrument = (): Reply => json({ code: '51001', msg: "Instrument ID, Instrument ID code or Spread ID doesn't exist.", data: [] });
const missing = (param: string): Reply => json({ code: '50014', msg: `Parameter ${param} can not be empty.`, data: [] }, 400);
const badParam = (param: string): Reply => json({ code: '51000', msg: `Parameter ${param} error`, data: [] }, 400);

const str = (n: number): string => String(+n.toPrecision(12));

function swap(instId: string | null, state: Parameters<VenueHandler>[1]): { m: FakeAsset; ctVal: number } | null {
  const match = instId ? /^([A-Z0-9]+)-USDT-SWAP$/.exec(instId) : null;
  const asset = match?.[1];
  const m = asset ? state.markets.get(asset) : undefined;
  const ctVal = asset ? OKX_CONTRACT_VALUE[asset] : undefined;
  return m && ctVal ? { m, ctVal } : null;
}

/** `limit` as OKX reads it: absent → default, otherwise an integer in [1, max]. */
function limitOf(req: FakeRequest, fallback: number, max: number): number | null {
  const raw = req.query.get('limit');
  if (raw === null || raw === '') return fallback;
  const n = Number(raw);
  return Number.isInteger(n) && n >= 1 && n <= max ? n : null;
}

function hourlyUntil(m: FakeAsset, now: number): FakeAsset['hourly'] {
  return m.hourly.filter((h) => h.time <= now);
}

interface Bar {
  time: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

function hourlyBars(m: FakeAsset, now: number): Bar[] {
  const hours = hourlyUntil(m, now);
  return hours.map((h, i) => {
    const open = hours[i - 1]?.close ?? h.close;
    return { time: h.time, open, high: Math.max(open, h.close), low: Math.min(open, h.close), close: h.close, volume: 100 + (i % 7) * 10 };
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

/** A time bound: absent → undefined, else a number, or null when it is not one (OKX answers 51000). */
function timeParam(req: FakeRequest, name: string): number | null | undefined {
  const raw = req.query.get(name);
  if (raw === null || raw === '') return undefined;
  return /^\d{1,16}$/.test(raw) ? Number(raw) : null;
}

/**
 * Series pages as OKX cuts them: rows strictly inside the two bounds (`older` is after/end: records
 * earlier than it; `newer` is before/begin: records newer than it), the newest `limit`, newest first.
 */
function page<T extends { time: number }>(rows: readonly T[], newer: number | undefined, older: number | undefined, limit: number): T[] {
  return rows
    .filter((r) => (newer === undefined || r.time > newer) && (older === undefined || r.time < older))
    .slice(-limit)
    .reverse();
}

function candles(req: FakeRequest, m: FakeAsset, ctVal: number): Reply {
  const bar = req.query.get('bar') ?? '1m';
  const limit = limitOf(req, 100, 300);
  if (limit === null) return badParam('limit');
  const after = timeParam(req, 'after');
  const before = timeParam(req, 'before');
  if (after === null) return badParam('after');
  if (before === null) return badParam('before');
  let bars: Bar[];
  let span: number;
  if (bar === '1H') {
    bars = hourlyBars(m, req.now);
    span = HOUR;
  } else if (bar === '1Dutc') {
    bars = dailyBars(m, req.now);
    span = DAY;
  } else if (bar === '15m') {
    bars = quarterCandles(m, req.now);
    span = QUARTER;
  } else {
    return badParam('bar');
  }
  const rows = page(bars, before, after, limit).map((b) => [
    String(b.time),
    str(b.open),
    str(b.high),
    str(b.low),
    str(b.close),
    str(b.volume / ctVal),
    str(b.volume),
    str(b.volume * b.close),
    b.time + span > req.now ? '0' : '1',
  ]);
  return ok(rows);
}

export interface OkxFakeOptions {
  /** Funding interval per base asset (OKX runs 8, 6, 4, 2 or 1 h); 8 h when absent. */
  fundingHours?: Readonly<Record<string, number>>;
}

/** The OKX handler; options let a unit test put a swap on a shorter funding interval. */
export function createOkxApi(opts: OkxFakeOptions = {}): VenueHandler {
  const hoursOf = (asset: string): number => opts.fundingHours?.[asset] ?? DEFAULT_FUNDING_HOURS;
  return (req, state) => okxRoute(req, state, hoursOf);
}

function okxRoute(req: FakeRequest, state: Parameters<VenueHandler>[1], hoursOf: (asset: string) => number): Reply | null {
  if (!req.path.startsWith('/api/v5/')) return null;
  const instId = req.query.get('instId');

  switch (req.path) {
    case '/api/v5/public/instruments': {
      if (req.query.get('instType') !== 'SWAP') return missing('instType');
      const rows: unknown[] = [];
      for (const [asset, ctVal] of Object.entries(OKX_CONTRACT_VALUE)) {
        if (!state.markets.has(asset)) continue;
        rows.push({
          alias: '',
          baseCcy: '',
          category: '1',
          ctMult: '1',
          ctType: 'linear',
          ctVal: str(ctVal),
          ctValCcy: asset,
          expTime: '',
          instFamily: `${asset}-USDT`,
          instId: `${asset}-USDT-SWAP`,
          instType: 'SWAP',
          lever: '100',
          listTime: '1611916800000',
          lotSz: '0.01',
          maxLmtSz: '100000000',
          maxMktSz: '12000',
          minSz: '0.01',
          optType: '',
          quoteCcy: '',
          settleCcy: 'USDT',
          state: 'live',
          stk: '',
          tickSz: asset === 'BTC' ? '0.1' : '0.01',
          uly: `${asset}-USDT`,
        });
      }
      // What a real list also holds, and the client must leave out: an inverse swap and a listing
      // not yet live (its numbers still "").
      rows.push({
        instId: 'BTC-USD-SWAP',
        instType: 'SWAP',
        instFamily: 'BTC-USD',
        ctType: 'inverse',
        ctVal: '100',
        ctValCcy: 'USD',
        settleCcy: 'BTC',
        state: 'live',
        tickSz: '0.1',
      });
      rows.push({
        instId: 'NEW-USDT-SWAP',
        instType: 'SWAP',
        instFamily: 'NEW-USDT',
        ctType: 'linear',
        ctVal: '',
        ctValCcy: 'NEW',
        settleCcy: 'USDT',
        state: 'preopen',
        tickSz: '',
      });
      return ok(rows);
    }

    case '/api/v5/public/mark-price': {
      const s = swap(instId, state);
      if (!s) return instId ? unknownInstrument() : ok([]);
      return ok([{ instType: 'SWAP', instId, markPx: str(s.m.markPrice), ts: String(req.now) }]);
    }

    case '/api/v5/market/ticker': {
      if (!instId) return missing('instId');
      const s = swap(instId, state);
      if (!s) return unknownInstrument();
      const h = hourlyUntil(s.m, req.now);
      const open24h = h[h.length - 25]?.close ?? s.m.lastPrice;
      return ok([
        {
          instType: 'SWAP',
          instId,
          last: str(s.m.lastPrice),
          lastSz: '1',
          askPx: str(s.m.lastPrice * 1.0001),
          askSz: '10',
          bidPx: str(s.m.lastPrice * 0.9999),
          bidSz: '12',
          open24h: str(open24h),
          high24h: str(Math.max(...h.slice(-24).map((x) => x.close), s.m.lastPrice)),
          low24h: str(Math.min(...h.slice(-24).map((x) => x.close), s.m.lastPrice)),
          volCcy24h: '1000',
          vol24h: str(1000 / s.ctVal),
          sodUtc0: str(open24h),
          sodUtc8: str(open24h),
          ts: String(req.now),
        },
      ]);
    }

    case '/api/v5/market/index-tickers': {
      // An index is named by its pair (BTC-USDT), not by the swap; without instId OKX wants quoteCcy.
      if (!instId) return req.query.get('quoteCcy') ? ok([]) : missing('instId');
      const match = /^([A-Z0-9]+)-USDT$/.exec(instId);
      const m = match?.[1] ? state.markets.get(match[1]) : undefined;
      if (!m) return unknownInstrument();
      // The fake's hourly closes are mark prices: the index keeps its spread to the mark along them.
      const ratio = m.indexPrice / m.markPrice;
      const h = hourlyUntil(m, req.now);
      const dayAgo = h[h.length - 25];
      const day = h.slice(-24).map((x) => x.close * ratio);
      const sod = str(dayAgo ? dayAgo.close * ratio : m.indexPrice);
      return ok([
        {
          instId,
          idxPx: str(m.indexPrice),
          high24h: str(Math.max(...day, m.indexPrice)),
          low24h: str(Math.min(...day, m.indexPrice)),
          open24h: sod,
          sodUtc0: sod,
          sodUtc8: sod,
          ts: String(req.now),
        },
      ]);
    }

    case '/api/v5/public/funding-rate': {
      if (!instId) return missing('instId');
      const s = swap(instId, state);
      if (!s) return unknownInstrument();
      const hours = hoursOf(s.m.asset);
      const fundingTime = nextFunding(req.now, hours);
      // The fake keeps rates per 8 h; a shorter interval settles its share of that.
      const rate = s.m.fundingRate8h * (hours / 8);
      return ok([
        {
          formulaType: 'noRate',
          fundingRate: str(rate),
          fundingTime: String(fundingTime),
          impactValue: '',
          instId,
          instType: 'SWAP',
          interestRate: '',
          maxFundingRate: '0.00375',
          method: 'current_period',
          minFundingRate: '-0.00375',
          nextFundingRate: '',
          nextFundingTime: String(fundingTime + hours * HOUR),
          premium: '0.0000910113652644',
          settFundingRate: str(rate),
          settState: 'settled',
          ts: String(req.now),
        },
      ]);
    }

    case '/api/v5/public/open-interest': {
      const s = swap(instId, state);
      if (!s) return instId ? unknownInstrument() : ok([]);
      const oi = s.m.openInterest;
      return ok([{ instType: 'SWAP', instId, oi: str(oi / s.ctVal), oiCcy: str(oi), oiUsd: str(oi * s.m.markPrice), ts: String(req.now) }]);
    }

    case '/api/v5/public/funding-rate-history': {
      if (!instId) return missing('instId');
      const s = swap(instId, state);
      if (!s) return unknownInstrument();
      const limit = limitOf(req, FUNDING_HISTORY_MAX, FUNDING_HISTORY_MAX);
      if (limit === null) return badParam('limit');
      // `after`: records earlier than that fundingTime (the next older page).
      const after = Number(req.query.get('after') ?? Infinity);
      const hours = hoursOf(s.m.asset);
      // ≈ 40 days of hourly settlements: at 1 h that is more than two 400-row pages.
      const rows = s.m.fundingHistory8h
        .filter((f) => f.time % (hours * HOUR) === 0 && f.time <= req.now && f.time < after)
        .slice(-limit)
        .reverse()
        .map((f) => {
          const rate = str(f.rate * (hours / 8));
          return {
            formulaType: 'noRate',
            fundingRate: rate,
            fundingTime: String(f.time),
            instId,
            instType: 'SWAP',
            method: 'current_period',
            realizedRate: rate,
          };
        });
      return ok(rows);
    }

    case '/api/v5/rubik/stat/contracts/open-interest-history': {
      if (!instId) return missing('instId');
      const s = swap(instId, state);
      if (!s) return unknownInstrument();
      const period = req.query.get('period') ?? '5m';
      if (period !== '1H' && period !== '15m') return badParam('period');
      const limit = limitOf(req, 100, 100);
      if (limit === null) return badParam('limit');
      const begin = timeParam(req, 'begin');
      const end = timeParam(req, 'end');
      if (begin === null) return badParam('begin');
      if (end === null) return badParam('end');
      // A point at T is the open interest at T; the 15-minute ones are the bars' closes.
      const points = period === '1H' ? hourlyUntil(s.m, req.now) : quarterOi(s.m, req.now);
      const rows = page(points, begin, end, limit).map((h) => [String(h.time), str(h.oi / s.ctVal), str(h.oi), str(h.oi * h.close)]);
      return ok(rows);
    }

    case '/api/v5/rubik/stat/taker-volume-contract': {
      if (!instId) return missing('instId');
      const s = swap(instId, state);
      if (!s) return unknownInstrument();
      if ((req.query.get('period') ?? '5m') !== '15m') return badParam('period');
      const limit = limitOf(req, 100, 100);
      if (limit === null) return badParam('limit');
      const begin = timeParam(req, 'begin');
      const end = timeParam(req, 'end');
      if (begin === null) return badParam('begin');
      if (end === null) return badParam('end');
      // unit 0: coins; 1 (the default): contracts; 2: USD. A row at T is the bar that opened at T,
      // the running one included.
      const unit = req.query.get('unit') ?? '1';
      const scale = (c: { close: number }): number | null => (unit === '0' ? 1 : unit === '1' ? 1 / s.ctVal : unit === '2' ? c.close : null);
      if (scale({ close: 1 }) === null) return badParam('unit');
      const rows = page(quarterCandles(s.m, req.now), begin, end, limit).map((c) => {
        const k = scale(c) ?? 1;
        return [String(c.time), str((c.volume - c.takerBuy) * k), str(c.takerBuy * k)];
      });
      return ok(rows);
    }

    case '/api/v5/market/candles': {
      if (!instId) return missing('instId');
      const s = swap(instId, state);
      if (!s) return unknownInstrument();
      return candles(req, s.m, s.ctVal);
    }

    case '/api/v5/public/position-tiers': {
      if (req.query.get('instType') !== 'SWAP') return missing('instType');
      if (!req.query.get('tdMode')) return missing('tdMode');
      const family = req.query.get('instFamily');
      if (!family) return missing('instFamily');
      const s = swap(`${family}-SWAP`, state);
      if (!s) return unknownInstrument();
      return ok(
        OKX_TIERS.map((t, i) => ({
          baseMaxLoan: '',
          imr: str(t.imr),
          instFamily: family,
          instId: '',
          maxLever: String(t.maxLever),
          maxSz: String(t.maxSz),
          minSz: String(t.minSz),
          mmr: str(t.mmr),
          optMgnFactor: '0',
          quoteMaxLoan: '',
          tier: String(i + 1),
          uly: family,
        })),
      );
    }

    default:
      return json({ code: '50000', msg: 'Not Found', data: [] }, 404);
  }
}

/** What the fake server runs: every swap on OKX's usual 8 h. */
// With the cascade layer's endpoints in front (cascade.ts): account ratios and the liquidation history.
export const okxApi: VenueHandler = withCascade(okxCascade, createOkxApi());
