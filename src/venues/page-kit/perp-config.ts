import type { Side } from '../../core/types';
import type { MarginMode } from '../position-types';
import type { VenueId } from '../types';
import type { ColumnDictionary } from './labels';
import type { SidePalette } from './value-patterns';

/** What differs per venue in a one-row-per-position table (Binance, Bybit): data, read by perp-table.ts. */
export interface PerpPageConfig {
  venue: VenueId;
  columns: ColumnDictionary;
  /** The venue's own symbol named in a cell's text ("BTCUSDT Perpetual Cross 20x" → BTCUSDT), or null. */
  symbolIn(text: string): string | null;
  /** Base and quote asset of a venue symbol (BTCUSDT → BTC, USDT). */
  assets(symbol: string): { base: string; quote: string } | null;
  /** Words (compared case-insensitively, as whole tokens) naming the margin mode and the side. */
  modeWords: Record<MarginMode, readonly string[]>;
  sideWords: Record<Side, readonly string[]>;
  /** Inline colours the venue paints long and short rows with (evidence only; the last of the side sources). */
  palette: SidePalette;
  /** True when the venue writes every short's size with a minus sign, so an unsigned size is a long. */
  signsShortSizes: boolean;
  /** Size units that mean contracts (converted with ctx.contractValue). */
  contractUnits: readonly string[];
}
