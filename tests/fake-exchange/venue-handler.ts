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
}

/** Serves one venue's public API from the fake state, in the venue's real response shapes; null = not found. */
export type VenueHandler = (req: FakeRequest, state: FakeState) => Reply | null;
