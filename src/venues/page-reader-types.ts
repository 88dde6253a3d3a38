import type { Position } from './position-types';
import type { VenueId } from './types';

/**
 * One row of a positions table: a position that passed the cross-checks, or why it did not. A row
 * whose only fault is a mark at or past its liquidation price carries the position it would be as
 * `crossed`: if the same row was consistent before with the same liquidation price, the mark walked
 * there and the position is AT LIQUIDATION, not misread (the background decides, remembering rows).
 */
export type RowRead =
  { ok: true; position: Position } | { ok: false; reason: string; symbol: string | null; side: Position['side'] | null; crossed?: Position };

export interface PageRead {
  /**
   * `ok`: rows were read (possibly none: no open position). `no-table`: the anchor has no positions
   * table we recognise (PerpLens says it cannot find it). `loading`: the table is still rendering.
   */
  status: 'ok' | 'no-table' | 'loading';
  rows: RowRead[];
  /** Things the user should know about how the page was read (e.g. an unknown language). */
  notes: string[];
}

export interface ReadContext {
  /** Page locale (from the URL segment or html[lang]) for number formats and captions. */
  locale: string;
  /** The symbol the page URL names, used to map a row's display name to the venue symbol. */
  urlSymbol: string;
  /**
   * Base units per contract for the page's symbol when the background knows it (OKX `ctVal`), so a
   * size shown in contracts can be converted; null when unknown — then such a row is unreadable.
   */
  contractValue: (symbol: string) => number | null;
  /**
   * Numbers the anchor's layout: the same number means no element under it was added, removed,
   * hidden or shown since the last read, so the table's layout may be reused (layout-memo.ts).
   * Absent: work everything out afresh.
   */
  layoutEpoch?: number;
}

/**
 * A venue page reader in the spirit of refined-github's features: where it applies (the URL), how
 * to find its root (the anchor), and how to read that root into positions. It only reads.
 */
export interface VenuePageReader {
  venue: VenueId;
  matchUrl(url: URL): string | null;
  /**
   * The symbol from the document title, for a trading page whose URL names none (Hyperliquid's bare
   * `/trade` shows the last market, named only in the title). Never overrides the URL.
   */
  matchTitle?(url: URL, title: string): string | null;
  /** The smallest stable element that contains the positions table, or null when not on the page (yet). */
  findAnchor(doc: Document): Element | null;
  read(anchor: Element, ctx: ReadContext): PageRead;
}
