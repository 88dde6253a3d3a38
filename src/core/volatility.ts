import { normalCdf } from './normal-distribution';
import type { Side } from './types';
import { requireNonNegative, requirePositive, requireSide } from './validate';
import { sideSign } from './side';

/**
 * Sample standard deviation (n − 1) of daily log returns. Closes that are not finite and positive
 * (gaps in a candle feed) are skipped, so a gap folds two days into one return; null with fewer
 * than 3 valid closes, because one return has no spread.
 */
export function dailyVolatility(dailyCloses: readonly number[]): number | null {
  const closes = dailyCloses.filter((c) => Number.isFinite(c) && c > 0);
  if (closes.length < 3) return null;
  const returns: number[] = [];
  for (let i = 1; i < closes.length; i++) {
    const prev = closes[i - 1];
    const cur = closes[i];
    if (prev !== undefined && cur !== undefined) returns.push(Math.log(cur / prev));
  }
  const mean = returns.reduce((a, r) => a + r, 0) / returns.length;
  const variance = returns.reduce((a, r) => a + (r - mean) ** 2, 0) / (returns.length - 1);
  const sd = Math.sqrt(variance);
  return Number.isFinite(sd) ? sd : null;
}

/**
 * |ln(P/LP)| / σ_day: how many typical daily moves lie between the mark and the liquidation price.
 * Side-blind — pair it with liquidationDistance to know whether the position is already past it.
 * null when σ is 0 (no movement: the distance is unbounded in these units).
 */
export function sigmaDistance(markPrice: number, liqPrice: number, dailyVol: number): number | null {
  requirePositive('markPrice', markPrice);
  requirePositive('liqPrice', liqPrice);
  requireNonNegative('dailyVol', dailyVol);
  if (dailyVol === 0) return null;
  return Math.abs(Math.log(markPrice / liqPrice)) / dailyVol;
}

/**
 * Chance that a driftless random walk in log price touches the liquidation price within `days`
 * (reflection principle): 2·Φ(−|ln(P/LP)| / (σ·√T)). 1 when the mark is at or past liquidation.
 */
export function touchProbability(p: { side: Side; markPrice: number; liqPrice: number; dailyVol: number; days: number }): number {
  requireSide('side', p.side);
  requirePositive('markPrice', p.markPrice);
  requirePositive('liqPrice', p.liqPrice);
  requireNonNegative('dailyVol', p.dailyVol);
  requireNonNegative('days', p.days);
  if (sideSign(p.side) * (p.markPrice - p.liqPrice) <= 0) return 1;
  const spread = p.dailyVol * Math.sqrt(p.days);
  if (spread === 0) return 0;
  const probability = 2 * normalCdf(-Math.abs(Math.log(p.markPrice / p.liqPrice)) / spread);
  if (Number.isNaN(probability)) return 0;
  return Math.min(1, Math.max(0, probability));
}
