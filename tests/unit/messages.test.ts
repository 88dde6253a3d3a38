import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePositionsReply, parseRequest, parseSnapshotReply } from '../../src/protocol/messages';
import { snapshotFixture } from './helpers/snapshot';

describe('parseRequest', () => {
  it('accepts the three requests', () => {
    for (const r of [
      { type: 'market.snapshot', venue: 'binance', symbol: 'BTCUSDT' },
      { type: 'market.instruments', venue: 'okx' },
      { type: 'positions.address', venue: 'hyperliquid', address: '0x' + 'ab'.repeat(20) },
      { type: 'positions.address', venue: 'dydx', address: 'dydx1' + 'q'.repeat(38) },
    ])
      expect(parseRequest(r)).toEqual(r);
  });
  it.each([
    ['an unknown type', { type: 'fetch', url: 'https://evil.example' }],
    ['an unknown venue', { type: 'market.snapshot', venue: 'evilex', symbol: 'BTCUSDT' }],
    ['a URL as symbol', { type: 'market.snapshot', venue: 'binance', symbol: 'https://evil.example/' }],
    ['a path in the symbol', { type: 'market.snapshot', venue: 'binance', symbol: '../../x' }],
    ['extra keys', { type: 'market.snapshot', venue: 'binance', symbol: 'BTCUSDT', url: 'https://evil.example' }],
    ['positions for a venue without an address API', { type: 'positions.address', venue: 'binance', address: '0x' + 'ab'.repeat(20) }],
    ['a malformed address', { type: 'positions.address', venue: 'hyperliquid', address: '0x1234' }],
    ['no object', 'market.snapshot'],
    ['null', null],
  ])('refuses %s', (_what, input) => {
    expect(parseRequest(input)).toBeNull();
  });
  it('never throws on arbitrary input', () => {
    fc.assert(
      fc.property(fc.anything(), (x) => {
        parseRequest(x);
        return true;
      }),
      { numRuns: 1000 },
    );
  });
});

describe('reply parsers', () => {
  it('accept a valid snapshot and refuse one with a non-finite number', () => {
    const snapshot = snapshotFixture();
    expect(parseSnapshotReply({ ok: true, snapshot })).toEqual({ ok: true, snapshot });
    expect(parseSnapshotReply({ ok: true, snapshot: { ...snapshot, dailyVol: Number.NaN } })).toBeNull();
    expect(parseSnapshotReply({ ok: true, snapshot: { ...snapshot, quote: { ...snapshot.quote, markPrice: Infinity } } })).toBeNull();
  });
  it('refuse a quote whose figure sources are missing, name no figure of a quote, or are not strings', () => {
    const snapshot = snapshotFixture();
    const withSources = (figureSources: unknown) => ({ ok: true, snapshot: { ...snapshot, quote: { ...snapshot.quote, figureSources } } });
    expect(parseSnapshotReply(withSources({}))).not.toBeNull();
    expect(parseSnapshotReply(withSources({ markPrice: '/fapi/v1/premiumIndex' }))).not.toBeNull();
    const { figureSources: _dropped, ...bare } = snapshot.quote;
    expect(parseSnapshotReply({ ok: true, snapshot: { ...snapshot, quote: bare } })).toBeNull();
    expect(parseSnapshotReply(withSources(null))).toBeNull();
    expect(parseSnapshotReply(withSources('/fapi/v1/premiumIndex'))).toBeNull();
    expect(parseSnapshotReply(withSources({ ...snapshot.quote.figureSources, dailyVol: '/fapi/v1/klines' }))).toBeNull();
    expect(parseSnapshotReply(withSources({ ...snapshot.quote.figureSources, source: '/fapi/v1/premiumIndex' }))).toBeNull();
    expect(parseSnapshotReply(withSources({ ...snapshot.quote.figureSources, markPrice: 1 }))).toBeNull();
    expect(parseSnapshotReply(withSources({ ...snapshot.quote.figureSources, openInterest: null }))).toBeNull();
  });
  it('accept a typed failure', () => {
    const error = { kind: 'region-blocked', venue: 'binance', endpoint: '/fapi/v1/premiumIndex', message: 'blocked', status: 451 };
    expect(parseSnapshotReply({ ok: false, error })).toEqual({ ok: false, error });
    expect(parseSnapshotReply({ ok: false, error: { ...error, kind: 'whatever' } })).toBeNull();
  });
  it('refuse a position with an unknown side', () => {
    const p = {
      venue: 'hyperliquid',
      symbol: 'ETH',
      side: 'long',
      size: 1,
      entryPrice: 1,
      markPrice: null,
      liqPrice: null,
      margin: null,
      walletMargin: null,
      marginMode: null,
      leverage: null,
      unrealizedPnl: null,
      source: 'api',
    };
    expect(parsePositionsReply({ ok: true, positions: [p] })).not.toBeNull();
    expect(parsePositionsReply({ ok: true, positions: [{ ...p, side: 'up' }] })).toBeNull();
  });
});
