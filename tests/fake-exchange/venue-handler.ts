import type { FakeMarkets } from './market-state';
import type { Reply } from './reply';

export interface FakeRequest {
  host: string;
  method: string;
  path: string;
  query: URLSearchParams;
  /** Parsed JSON body of a POST, or undefined. */
  body: unknown;
  now: number;
}

export interface FakeState {
  markets: FakeMarkets;
  /** Wallet address (lower case) → that venue's account payload, for the address-based position APIs. */
  accounts: Map<string, unknown>;
  /**
   * Binance's bracket table as [floor, cap, maintenance rate, cum] rows, served for every symbol
   * instead of risk-math.md's (which equals PerpLens's bundled copy for BTCUSDT): set it to a table
   * that differs from the bundled one to tell which one a figure was computed with.
   */
  binanceBrackets?: readonly (readonly [number, number, number, number])[];
}

/** Serves one venue's public API from the fake state, in the venue's real response shapes; null = not found. */
export type VenueHandler = (req: FakeRequest, state: FakeState) => Reply | null;
