import type { FakeAsset } from './market-state';
import { HOUR } from './market-state';
import { OKX_CONTRACT_VALUE } from './okx';
import { json, type Reply } from './reply';
import type { FakeRequest, FakeState, VenueHandler } from './venue-handler';

// The cascade layer's REST endpoints in the venues' shapes (shared/reference/cascade-data.md): the
// account and top-trader long/short ratios, OKX's liquidation history and dYdX's trade list with its
// LIQUIDATED trades. Every figure comes from the functions below, so a test computes what the
// extension must show from the same source.

/** Share of accounts net long, per asset, six hours ago → now (hourly): BTC leans long and rising. */
export const ACCOUNT_LONG_SHARE: Readonly<Record<string, readonly number[]>> = {
  BTC: [0.6, 0.61, 0.63, 0.64, 0.66, 0.7],
  ETH: [0.48, 0.47, 0.46, 0.45, 0.44, 0.43],
  SOL: [0.7, 0.71, 0.72, 0.72, 0.73, 0.74],
};
/** The top traders' long share of positions, same layout. */
export const TOP_LONG_SHARE: Readonly<Record<string, readonly number[]>> = {
  BTC: [0.52, 0.53, 0.53, 0.54, 0.55, 0.55],
  ETH: [0.5, 0.5, 0.5, 0.5, 0.5, 0.5],
  SOL: [0.6, 0.6, 0.61, 0.62, 0.62, 0.63],
};

/** Hourly points, oldest first, the last at the current hour. */
function hourly(values: readonly number[], now: number): { time: number; value: number }[] {
  const last = Math.floor(now / HOUR) * HOUR;
  return values.map((value, i) => ({ time: last - (values.length - 1 - i) * HOUR, value }));
}

/** A liquidation in the stand-in's history: minutes ago, side liquidated, size in coins. */
export const PAST_LIQUIDATIONS: readonly { minutesAgo: number; side: 'long' | 'short'; size: number }[] = [
  { minutesAgo: 5, side: 'long', size: 0.3 },
  { minutesAgo: 22, side: 'short', size: 0.12 },
  { minutesAgo: 41, side: 'long', size: 0.5 },
  { minutesAgo: 150, side: 'long', size: 2 },
  { minutesAgo: 700, side: 'short', size: 1.1 },
  { minutesAgo: 1300, side: 'long', size: 0.7 },
];

/**
 * What the extension must show for a window from the history above, in quote currency at the
 * price each was liquidated at (the mark now, bankruptcy price on OKX: mark × (1 ∓ 0.5%)).
 */
export function pastTotals(m: FakeAsset, windowMinutes: number, venue: 'okx' | 'dydx'): { long: number; short: number } {
  let long = 0;
  let short = 0;
  for (const l of PAST_LIQUIDATIONS) {
    if (l.minutesAgo > windowMinutes) continue;
    const price = venue === 'okx' ? bankruptcy(m, l.side) : m.markPrice;
    if (l.side === 'long') long += l.size * price;
    else short += l.size * price;
  }
  return { long, short };
}

const bankruptcy = (m: FakeAsset, side: 'long' | 'short') => +(m.markPrice * (side === 'long' ? 0.995 : 1.005)).toFixed(2);
const assetOfUsdt = (symbol: string | null, state: FakeState) => (symbol?.endsWith('USDT') ? state.markets.get(symbol.slice(0, -4)) : undefined);
const limitOf = (req: FakeRequest, max: number): number | null => {
  const raw = req.query.get('limit');
  if (raw === null) return 30;
  const n = Number(raw);
  return Number.isInteger(n) && n >= 1 && n <= max ? n : null;
};

export function binanceCascade(req: FakeRequest, state: FakeState): Reply | null {
  const table =
    req.path === '/futures/data/globalLongShortAccountRatio'
      ? ACCOUNT_LONG_SHARE
      : req.path === '/futures/data/topLongShortPositionRatio'
        ? TOP_LONG_SHARE
        : null;
  if (!table) return null;
  const symbol = req.query.get('symbol') ?? '';
  const m = assetOfUsdt(symbol, state);
  if (!m) return json({ code: -1121, msg: 'Invalid symbol.' }, 400);
  if (!['5m', '15m', '30m', '1h', '2h', '4h', '6h', '12h', '1d'].includes(req.query.get('period') ?? ''))
    return json({ code: -1102, msg: 'period is wrong' }, 400);
  const limit = limitOf(req, 500);
  if (limit === null) return json({ code: -1130, msg: "Data sent for parameter 'limit' is not valid." }, 400);
  const rows = hourly(table[m.asset] ?? [], req.now).slice(-limit);
  return json(
    rows.map((p) => ({
      symbol,
      longShortRatio: (p.value / (1 - p.value)).toFixed(4),
      longAccount: p.value.toFixed(4),
      shortAccount: (1 - p.value).toFixed(4),
      timestamp: p.time,
    })),
  );
}

export function bybitCascade(req: FakeRequest, state: FakeState): Reply | null {
  if (req.path !== '/v5/market/account-ratio') return null;
  const symbol = req.query.get('symbol') ?? '';
  const m = assetOfUsdt(symbol, state);
  const envelope = (retCode: number, retMsg: string, result: unknown) => json({ retCode, retMsg, result, retExtInfo: {}, time: req.now });
  if (req.query.get('category') !== 'linear' || !m) return envelope(10001, 'params error: symbol invalid', {});
  if (!['5min', '15min', '30min', '1h', '4h', '1d'].includes(req.query.get('period') ?? '')) return envelope(10001, 'params error: period', {});
  const limit = limitOf(req, 500);
  if (limit === null) return envelope(10001, 'params error: limit', {});
  const rows = hourly(ACCOUNT_LONG_SHARE[m.asset] ?? [], req.now)
    .slice(-limit)
    .reverse();
  return envelope(0, 'OK', {
    list: rows.map((p) => ({ symbol, buyRatio: p.value.toFixed(4), sellRatio: (1 - p.value).toFixed(4), timestamp: String(p.time) })),
  });
}

const okxEnvelope = (code: string, msg: string, data: unknown[]) => json({ code, msg, data });

export function okxCascade(req: FakeRequest, state: FakeState): Reply | null {
  const ratio =
    req.path === '/api/v5/rubik/stat/contracts/long-short-account-ratio-contract'
      ? ACCOUNT_LONG_SHARE
      : req.path === '/api/v5/rubik/stat/contracts/long-short-position-ratio-contract-top-trader'
        ? TOP_LONG_SHARE
        : null;
  if (ratio) {
    const instId = req.query.get('instId') ?? '';
    const m = /^([A-Z]+)-USDT-SWAP$/.exec(instId) ? state.markets.get(instId.split('-')[0] ?? '') : undefined;
    if (!m) return okxEnvelope('51001', "Instrument ID doesn't exist.", []);
    if (!['5m', '15m', '30m', '1H', '2H', '4H', '6H', '12H', '1D'].includes(req.query.get('period') ?? '5m'))
      return okxEnvelope('51000', 'Parameter period error', []);
    const limit = limitOf(req, 100);
    if (limit === null) return okxEnvelope('51000', 'Parameter limit error', []);
    const rows = hourly(ratio[m.asset] ?? [], req.now)
      .slice(-limit)
      .reverse();
    return okxEnvelope(
      '0',
      '',
      rows.map((p) => [String(p.time), (p.value / (1 - p.value)).toFixed(4)]),
    );
  }
  if (req.path !== '/api/v5/public/liquidation-orders') return null;
  // instFamily (or uly) is required for SWAP; OKX answers 50015 without it.
  const family = req.query.get('instFamily') ?? req.query.get('uly');
  if (req.query.get('instType') !== 'SWAP') return okxEnvelope('51000', 'Parameter instType error', []);
  if (!family) return okxEnvelope('50015', 'Either parameter instFamily or uly is required', []);
  const m = /^([A-Z]+)-USDT$/.exec(family) ? state.markets.get(family.split('-')[0] ?? '') : undefined;
  const ctVal = m ? OKX_CONTRACT_VALUE[m.asset] : undefined;
  if (!m || !ctVal) return okxEnvelope('51001', "Instrument ID doesn't exist.", []);
  const limit = limitOf(req, 100);
  if (limit === null) return okxEnvelope('51000', 'Parameter limit error', []);
  const details = PAST_LIQUIDATIONS.map((l) => ({
    bkLoss: '0',
    bkPx: String(bankruptcy(m, l.side)),
    ccy: '',
    posSide: l.side,
    side: l.side === 'long' ? 'sell' : 'buy',
    sz: String(+(l.size / ctVal).toFixed(4)),
    ts: String(req.now - l.minutesAgo * 60_000),
  })).slice(0, limit);
  return okxEnvelope('0', '', [{ details, instFamily: family, instId: `${family}-SWAP`, instType: 'SWAP', uly: family }]);
}

export function dydxCascade(req: FakeRequest, state: FakeState): Reply | null {
  const ticker = /^\/v4\/trades\/perpetualMarket\/([A-Z0-9-]+)$/.exec(req.path)?.[1];
  if (!ticker) return null;
  const m = ticker.endsWith('-USD') ? state.markets.get(ticker.slice(0, -4)) : undefined;
  if (!m) return json({ errors: [{ msg: `${ticker} is not a valid ticker`, param: 'ticker', location: 'params' }] }, 400);
  const limit = Number(req.query.get('limit') ?? '100');
  // Ordinary trades every 10 minutes for a day, and the liquidations among them (a LIQUIDATED SELL closes a long).
  const trades = [
    ...Array.from({ length: 144 }, (_, i) => ({ minutesAgo: i * 10 + 1, side: i % 2 ? 'BUY' : 'SELL', size: 0.01, type: 'LIMIT' })),
    ...PAST_LIQUIDATIONS.map((l) => ({ minutesAgo: l.minutesAgo, side: l.side === 'long' ? 'SELL' : 'BUY', size: l.size, type: 'LIQUIDATED' })),
  ]
    .sort((a, b) => a.minutesAgo - b.minutesAgo)
    .slice(0, Number.isInteger(limit) && limit > 0 ? Math.min(limit, 1000) : 100);
  return json({
    trades: trades.map((t, i) => ({
      id: `fake-${i}`,
      side: t.side,
      size: String(t.size),
      price: String(m.markPrice),
      type: t.type,
      createdAt: new Date(req.now - t.minutesAgo * 60_000).toISOString(),
      createdAtHeight: String(1_000_000 - i),
    })),
  });
}

/**
 * A venue's handler with its cascade endpoints in front. The cascade functions are declarations, so
 * a venue module can wrap its handler with them while the two modules load each other.
 */
export function withCascade(cascade: (req: FakeRequest, state: FakeState) => Reply | null, handler: VenueHandler): VenueHandler {
  return (req, state) => cascade(req, state) ?? handler(req, state);
}
