import type { Http, Result, VenueDescriptor, VenueMarketClient } from './market-types';
import type { Position } from './position-types';

/**
 * A venue that publishes an account's positions by wallet address (Hyperliquid, dYdX): the options
 * page asks for the address, the background reads the positions, and the page is the cross-check.
 */
export interface WalletCapability {
  /** The address's shape, tested without regard to case on what a trader types. */
  shape: RegExp;
  shapeMessage: string;
  /** The whole check once the shape is right (a checksum, say), with its own message. */
  isAddress(address: string): boolean;
  invalidMessage: string;
  /** The options page's field. */
  hint: string;
  placeholder: string;
  /** The account's open positions from the venue's public API. */
  positions(address: string, http: Http): Promise<Result<Position[]>>;
  /** Where a notification about one of them leads. */
  tradeUrl(symbol: string): string;
}

/**
 * Everything PerpLens knows about a venue, in one record (ccxt's `describe()` in spirit). The
 * registry (./registry.ts) lists the records; the venue id type, the names, the manifest's hosts and
 * content scripts, the options' lists, the defaults and the wallet handling are all derived from it.
 */
export interface VenueRecord<Id extends string = string> {
  /** Lower case; the DOM contract's `data-venue`, the settings' key. */
  id: Id;
  /** Match patterns of the pages the venue's content script runs on (src/venues/<id>/content.ts). */
  pages: readonly string[];
  /** WebSocket origins (`wss://host`) the background may open: the venue's public liquidation stream. */
  websockets: readonly string[];
  /** How the venue spells an asset's perpetual: the defaults' watchlist and the options' example. */
  market: { example: string; forAsset(asset: string): string; quote(symbol: string): string | null };
  /** The symbol a trading page's URL names, or null when the URL is not one of its perpetuals' pages. */
  matchUrl(url: URL): string | null;
  /** A trading page whose URL names no market (its title does): still the venue's. */
  isBareTradePage?(url: URL): boolean;
  /** The market-data client behind the one interface. */
  client: VenueMarketClient;
  /** Its name as the venue writes it, API origins, the liquidation convention and the published limits. */
  descriptor: VenueDescriptor;
  wallet?: WalletCapability;
}
