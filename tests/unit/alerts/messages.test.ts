import { describe, expect, it } from 'vitest';
import { parsePositionsReport } from '../../../src/protocol/positions-report';
import { positionFixture } from './fixtures';

const report = (over: Record<string, unknown> = {}) => ({ type: 'positions.report', venue: 'binance', positions: [positionFixture()], ...over });

describe('parsePositionsReport', () => {
  it('accepts a report, and an empty one', () => {
    expect(parsePositionsReport(report())).toEqual(report());
    expect(parsePositionsReport(report({ positions: [] }))?.positions).toEqual([]);
  });

  it('refuses positions on another venue than the report', () => {
    expect(parsePositionsReport(report({ positions: [positionFixture({ venue: 'bybit' })] }))).toBeNull();
  });

  it('refuses unknown fields, malformed symbols, non-positive prices and sizes', () => {
    expect(parsePositionsReport(report({ url: 'https://evil.example' }))).toBeNull();
    expect(parsePositionsReport(report({ positions: [positionFixture({ symbol: '<script>' })] }))).toBeNull();
    expect(parsePositionsReport(report({ positions: [positionFixture({ liqPrice: 0 })] }))).toBeNull();
    expect(parsePositionsReport(report({ positions: [positionFixture({ markPrice: -1 })] }))).toBeNull();
    expect(parsePositionsReport(report({ positions: [positionFixture({ size: 0 })] }))).toBeNull();
    expect(parsePositionsReport(report({ positions: [positionFixture({ entryPrice: Number.NaN })] }))).toBeNull();
  });

  it('refuses more than 100 positions and anything that is not a report', () => {
    expect(parsePositionsReport(report({ positions: Array.from({ length: 101 }, () => positionFixture()) }))).toBeNull();
    expect(parsePositionsReport({ type: 'market.snapshot', venue: 'binance', symbol: 'BTCUSDT' })).toBeNull();
    expect(parsePositionsReport(null)).toBeNull();
  });
});
