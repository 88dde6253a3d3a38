import type { FakeMarkets } from './market-state';
import { lighterMarketBySymbol, type LighterFakeMarket } from './lighter-markets';

// Lighter accounts as `/api/v1/account?by=l1_address&value=0x…` serves them. An account is kept in
// the fake state as what it holds (collateral, positions at entry); the marked figures (value, PnL,
// liquidation price) are worked out from the fake's marks when asked, so a test that moves a mark
// sees the account move with it. One position per market: Lighter nets an account's trades.

export interface LighterPositionSpec {
  symbol: string;
  side: 'long' | 'short';
  /** Coins. */
  size: number;
  entry: number;
  marginMode: 'isolated' | 'cross';
  /** The isolated margin (0 for cross). */
  allocatedMargin: number;
  /** The position's initial margin fraction as a fraction (0.05 = 20×); served as a percent. */
  imf: number;
  totalFundingPaidOut: number;
}

export interface LighterAccountSpec {
  l1Address: string;
  index: number;
  /** USDC deposited; the isolated positions' margins are taken out of it. */
  collateral: number;
  positions: readonly LighterPositionSpec[];
}

/** Where a test keeps an account in FakeState.accounts (key lower-cased like the other venues'). */
export const lighterAccountKey = (address: string): string => `lighter|${address.toLowerCase()}`;

/**
 * The demo wallet: served at this address unless a test keeps another account there. BTC as the
 * e2e page holds its long (0.5 @ 59,000, $1,475 isolated), an isolated ETH short, and a cross SOL long.
 */
export const LIGHTER_DEMO_ADDRESS = '0x1f9e0c3a5b7d2e4f6a8c0b2d4e6f8a0c2e4b6d81';
export const LIGHTER_DEMO_ACCOUNT: LighterAccountSpec = {
  l1Address: LIGHTER_DEMO_ADDRESS,
  index: 4321,
  collateral: 5_000,
  positions: [
    { symbol: 'BTC', side: 'long', size: 0.5, entry: 59_000, marginMode: 'isolated', allocatedMargin: 1_475, imf: 0.05, totalFundingPaidOut: 1.23 },
    { symbol: 'ETH', side: 'short', size: 2, entry: 3_050, marginMode: 'isolated', allocatedMargin: 610, imf: 0.1, totalFundingPaidOut: -0.74 },
    { symbol: 'SOL', side: 'long', size: 100, entry: 138, marginMode: 'cross', allocatedMargin: 0, imf: 0.1, totalFundingPaidOut: 0.5 },
  ],
};
export const LIGHTER_DEMO_POSITIONS = LIGHTER_DEMO_ACCOUNT.positions;

/**
 * Lighter's liquidation price of a position with margin M behind it: long (E·Q − M) / (Q·(1 − mmf)),
 * short (E·Q + M) / (Q·(1 + mmf)), mmf the maintenance fraction (0.012 for 120). Never below 0.
 */
export function lighterLiquidationPrice(side: 'long' | 'short', size: number, entry: number, margin: number, mmf: number): number {
  const lp = side === 'long' ? (entry * size - margin) / (size * (1 - mmf)) : (entry * size + margin) / (size * (1 + mmf));
  return Math.max(0, lp);
}

interface Marked {
  p: LighterPositionSpec;
  market: LighterFakeMarket;
  mark: number;
  pnl: number;
}

const usd = (x: number) => x.toFixed(2);
const usd6 = (x: number) => x.toFixed(6);

/**
 * The margin behind a position for its liquidation price: an isolated one's own; a cross one's share
 * of the cross account, the cross collateral with every other cross position's PnL less its
 * maintenance margin at the mark (so it holds exactly when only this price moves).
 */
function marginBehind(x: Marked, cross: readonly Marked[], crossCollateral: number): number {
  if (x.p.marginMode === 'isolated') return x.p.allocatedMargin;
  const others = cross.filter((o) => o !== x).reduce((s, o) => s + o.pnl - (o.p.size * o.mark * o.market.mmf) / 10_000, 0);
  return crossCollateral + others;
}

/** The body `/api/v1/account` answers for an account, marked at the fake's marks. */
export function lighterAccountBody(spec: LighterAccountSpec, markets: FakeMarkets): Record<string, unknown> {
  const marked: Marked[] = spec.positions.flatMap((p) => {
    const market = lighterMarketBySymbol(p.symbol);
    const mark = markets.get(p.symbol)?.markPrice;
    if (!market || mark === undefined) return [];
    return [{ p, market, mark, pnl: (p.side === 'long' ? 1 : -1) * p.size * (mark - p.entry) }];
  });
  const cross = marked.filter((x) => x.p.marginMode === 'cross');
  const crossCollateral = spec.collateral - marked.reduce((s, x) => s + (x.p.marginMode === 'isolated' ? x.p.allocatedMargin : 0), 0);
  const crossValue = crossCollateral + cross.reduce((s, x) => s + x.pnl, 0);
  const crossInitial = cross.reduce((s, x) => s + x.p.size * x.mark * x.p.imf, 0);
  const totalValue = spec.collateral + marked.reduce((s, x) => s + x.pnl, 0);
  const positions = marked.map((x) => {
    const lp = lighterLiquidationPrice(x.p.side, x.p.size, x.p.entry, marginBehind(x, cross, crossCollateral), x.market.mmf / 10_000);
    return {
      market_id: x.market.marketId,
      symbol: x.market.symbol,
      initial_margin_fraction: (x.p.imf * 100).toFixed(2),
      open_order_count: 0,
      pending_order_count: 0,
      position_tied_order_count: 0,
      sign: x.p.side === 'long' ? 1 : -1,
      position: x.p.size.toFixed(x.market.sizeDecimals),
      avg_entry_price: x.p.entry.toFixed(x.market.priceDecimals),
      position_value: usd(x.p.size * x.mark),
      unrealized_pnl: usd(x.pnl),
      realized_pnl: usd6(0),
      liquidation_price: lp.toFixed(x.market.priceDecimals),
      total_funding_paid_out: usd(x.p.totalFundingPaidOut),
      margin_mode: x.p.marginMode === 'isolated' ? 1 : 0,
      allocated_margin: usd6(x.p.allocatedMargin),
    };
  });
  return {
    code: 0,
    account_type: 0,
    index: spec.index,
    l1_address: spec.l1Address,
    cancel_all_time: 0,
    total_order_count: 0,
    total_isolated_order_count: 0,
    pending_order_count: 0,
    available_balance: usd(Math.max(0, crossValue - crossInitial)),
    status: 1,
    collateral: usd6(spec.collateral),
    account_index: spec.index,
    name: '',
    description: '',
    can_invite: true,
    referral_points_percentage: '',
    positions,
    assets: [],
    total_asset_value: usd(totalValue),
    cross_asset_value: usd(crossValue),
    shares: [],
  };
}

function isAccountSpec(x: unknown): x is LighterAccountSpec {
  return typeof x === 'object' && x !== null && 'l1Address' in x && 'positions' in x && Array.isArray((x as LighterAccountSpec).positions);
}

/** The account kept for an address, the demo wallet at its address when no test replaced it. */
export function lighterAccountByAddress(accounts: ReadonlyMap<string, unknown>, address: string): LighterAccountSpec | null {
  const kept = accounts.get(lighterAccountKey(address));
  if (isAccountSpec(kept)) return kept;
  return address.toLowerCase() === LIGHTER_DEMO_ADDRESS ? LIGHTER_DEMO_ACCOUNT : null;
}

/** The account with this index among those kept, then the demo wallet. */
export function lighterAccountByIndex(accounts: ReadonlyMap<string, unknown>, index: number): LighterAccountSpec | null {
  for (const [key, value] of accounts) if (key.startsWith('lighter|') && isAccountSpec(value) && value.index === index) return value;
  return index === LIGHTER_DEMO_ACCOUNT.index && lighterAccountByAddress(accounts, LIGHTER_DEMO_ADDRESS) === LIGHTER_DEMO_ACCOUNT ? LIGHTER_DEMO_ACCOUNT : null;
}
