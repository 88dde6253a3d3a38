import type { Side } from '../core/types';
import type { VenueId } from './types';

export type MarginMode = 'isolated' | 'cross';

/** One open position, read from a page or from a venue's public address API. */
export interface Position {
  venue: VenueId;
  symbol: string;
  side: Side;
  /** |size| in BASE units (contracts already converted). */
  size: number;
  entryPrice: number;
  /** Mark (or oracle) price as the source showed it; null when not shown. */
  markPrice: number | null;
  /** The venue's own liquidation price; null when it shows none. */
  liqPrice: number | null;
  /**
   * Set when the source cannot show a liquidation price at all (dYdX's indexer serves none), or the
   * reader could not read it (no such column, an unreadable cell, unknown captions): then a null
   * `liqPrice` means "not known here", not "no liquidation price", and PerpLens computes one.
   */
  liqNotServed?: string;
  /** Where `liqPrice` came from when it differs from `source` (an API position with the page's figure). */
  liqSource?: 'page' | 'api';
  /** Margin backing the position (isolated: its own margin; cross: as shown), quote currency. */
  margin: number | null;
  /**
   * Margin without unrealised PnL, which is what the liquidation formula takes (Binance
   * `isolatedWallet`; Hyperliquid isolated `leverage.rawUsd + s·Q·EP`); null where unknown.
   */
  walletMargin: number | null;
  marginMode: MarginMode | null;
  leverage: number | null;
  unrealizedPnl: number | null;
  /**
   * Collateral held in the base asset itself, in base units after fees (GMX: SOL backing SOL/USD,
   * WETH backing ETH/USD): its value moves with the price, which the liquidation check must know.
   */
  collateralInBase?: number;
  /** Where the position comes from: the page, the venue's API by wallet address, or typed in by the trader (settings/hand-positions.ts). */
  source: 'page' | 'api' | 'hand';
  /**
   * The mark stands at or past the liquidation price of a row that was consistent before with the
   * same liquidation price (background/panel/liquidation-memory.ts): the position is being liquidated.
   */
  atLiquidation?: true;
}
