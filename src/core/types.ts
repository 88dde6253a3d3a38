export type Side = 'long' | 'short';

/**
 * One row of a venue's maintenance-margin table. Notional bounds are in quote currency (USDT/USDC).
 * `deduction` is Binance's "cum" / Bybit's "mmDeduction"; venues without one use 0.
 */
export interface MarginTier {
  notionalFloor: number;
  notionalCap: number;
  maintenanceRate: number;
  deduction: number;
}
