import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import type { FetchErrorKind, Http, Instrument } from '../../src/venues/market-types';
import { codeKind, envelope, getJson, venueFailure, venueUrl } from '../../src/venues/request-kit';
import { VENUE_RECORDS, type VenueId } from '../../src/venues/registry';

const INSTRUMENT: Record<VenueId, Instrument> = {
  binance: { venue: 'binance', symbol: 'BTCUSDT', asset: 'BTC', quote: 'USDT', contractValue: 1, tickSize: 0.1, fundingIntervalHours: null },
  bybit: { venue: 'bybit', symbol: 'BTCUSDT', asset: 'BTC', quote: 'USDT', contractValue: 1, tickSize: 0.1, fundingIntervalHours: 8 },
  okx: { venue: 'okx', symbol: 'BTC-USDT-SWAP', asset: 'BTC', quote: 'USDT', contractValue: 0.01, tickSize: 0.1, fundingIntervalHours: null },
  hyperliquid: { venue: 'hyperliquid', symbol: 'BTC', asset: 'BTC', quote: 'USDC', contractValue: 1, tickSize: null, fundingIntervalHours: 1 },
  dydx: { venue: 'dydx', symbol: 'BTC-USD', asset: 'BTC', quote: 'USD', contractValue: 1, tickSize: 1, fundingIntervalHours: 1 },
  bitget: { venue: 'bitget', symbol: 'BTCUSDT', asset: 'BTC', quote: 'USDT', contractValue: 1, tickSize: 0.1, fundingIntervalHours: 8 },
  gmx: { venue: 'gmx', symbol: 'BTC:BTC-USDC', asset: 'BTC', quote: 'USD', contractValue: 1, tickSize: null, fundingIntervalHours: 1 },
  lighter: { venue: 'lighter', symbol: 'BTC', asset: 'BTC', quote: 'USDC', contractValue: 1, tickSize: 0.1, fundingIntervalHours: 1 },
};

/** How a venue's own error code reaches the client: in an HTTP error body, or inside a 200's envelope. */
const ANSWER_WITH: Partial<Record<VenueId, (code: string) => Awaited<ReturnType<Http>>>> = {
  binance: (code) => ({
    ok: false,
    error: { kind: 'http', venue: 'binance', endpoint: '/fapi/v1/premiumIndex', status: 400, venueCode: code, message: 'HTTP 400' },
  }),
  bybit: (code) => ({ ok: true, value: { retCode: Number(code), retMsg: '', result: {} } }),
  okx: (code) => ({ ok: true, value: { code, msg: '', data: [] } }),
  bitget: (code) => ({ ok: true, value: { code, msg: '', requestTime: 1, data: null } }),
};

describe('the request kit', () => {
  it('builds URLs under a base and its path prefix, each parameter encoded, undefined ones left out', () => {
    expect(venueUrl('https://fapi.binance.com', '/fapi/v1/klines', { symbol: 'BTC&x=1', limit: undefined }).href).toBe(
      'https://fapi.binance.com/fapi/v1/klines?symbol=BTC%26x%3D1',
    );
    expect(venueUrl('https://indexer.dydx.trade/v4', '/candles/perpetualMarkets/BTC-USD').href).toBe(
      'https://indexer.dydx.trade/v4/candles/perpetualMarkets/BTC-USD',
    );
  });

  it('names the venue as it writes itself in every failure', () => {
    for (const r of VENUE_RECORDS) {
      const f = venueFailure(r.descriptor, 'schema', '/x', 'broken');
      expect(f.error.message).toBe(`${r.descriptor.name} /x: broken`);
      expect(f.error.venue).toBe(r.id);
    }
  });

  it('shares only a usable answer, and maps a code in an envelope', async () => {
    const d = { venue: 'okx' as const, name: 'OKX', errorCodes: { '50011': { kind: 'rate-limited' as const } } };
    const env = envelope(v.looseObject({ code: v.string(), msg: v.string() }), (e) =>
      e.code === '0' ? { ok: true, payload: e['data'] } : { ok: false, code: e.code, message: e.msg },
    );
    let accepted: boolean[] = [];
    const http =
      (body: unknown): Http =>
      async (req) => {
        accepted.push(req.accept?.(body) ?? false);
        return { ok: true, value: body };
      };
    const rows = v.array(v.object({ a: v.number() }));
    const ok = await getJson(http({ code: '0', msg: '', data: [{ a: 1 }] }), d, new URL('https://x.test/p'), rows, {
      shareForMs: 1,
      envelope: env,
      usable: (r) => r.length > 0,
    });
    expect(ok).toEqual({ ok: true, value: [{ a: 1 }] });
    const empty = await getJson(http({ code: '0', msg: '', data: [] }), d, new URL('https://x.test/p'), rows, {
      shareForMs: 1,
      envelope: env,
      usable: (r) => r.length > 0,
    });
    expect(empty).toEqual({ ok: true, value: [] });
    const limited = await getJson(http({ code: '50011', msg: 'Rate limit reached', data: [] }), d, new URL('https://x.test/p'), rows, {
      shareForMs: 1,
      envelope: env,
    });
    expect(limited).toMatchObject({ ok: false, error: { kind: 'rate-limited', message: 'OKX /p: code 50011 (Rate limit reached)' } });
    expect(accepted).toEqual([true, false, false]);
    accepted = [];
    expect(codeKind(d, 99999)).toEqual({ kind: 'http' });
  });
});

describe('every venue’s own error codes, from its descriptor, through its real client', () => {
  const cases = VENUE_RECORDS.flatMap((r) =>
    Object.entries(r.descriptor.errorCodes ?? {}).map(([code, meaning]) => ({
      venue: r.id,
      name: r.descriptor.name,
      code,
      kind: meaning.kind as FetchErrorKind,
      client: r.client,
    })),
  );
  it('has codes to check on the venues that send them', () => {
    expect(new Set(cases.map((c) => c.venue))).toEqual(new Set(Object.keys(ANSWER_WITH)));
  });
  it.each(cases)('$venue code $code is a $kind failure that names $name', async ({ venue, name, code, kind, client }) => {
    const answer = ANSWER_WITH[venue];
    if (!answer) throw new Error(`no way to answer ${venue} with a code`);
    const http: Http = async () => answer(code);
    const r = await client.quote(INSTRUMENT[venue], http);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.kind).toBe(kind);
    expect(r.error.message.startsWith(`${name} `)).toBe(true);
    expect(r.error.message).toContain(code);
  });
});
