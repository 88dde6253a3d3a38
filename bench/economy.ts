import type { PanelViewRequest } from '../src/protocol/messages';
import { VENUE_MARKETS } from '../src/venues/markets';
import type { Position } from '../src/venues/position-types';
import { VENUE_IDS, type VenueId } from '../src/venues/registry';
import { POSITIONS_PAGE_SYMBOL } from '../tests/fake-exchange/pages';
import { simulatedBackground, type VenueCount } from './simulated-background';

export interface EconomyRow {
  venue: VenueId;
  symbol: string;
  oneTab: VenueCount;
  tenTabs: VenueCount;
  /** Requests with ten tabs ÷ with one (budget ≤ 1.05). */
  ratio: number;
  /** Units per hour ÷ the venue's published limit per hour (budget < 5%). */
  shareOfLimit: number;
  limit: string;
}

function heldLong(venue: VenueId, symbol: string): Position {
  return {
    venue,
    symbol,
    side: 'long',
    size: 0.5,
    entryPrice: 59_000,
    markPrice: 60_000.12,
    liqPrice: 56_300.5,
    margin: 1_475,
    walletMargin: null,
    marginMode: 'isolated',
    leverage: 20,
    unrealizedPnl: 500.06,
    source: 'page',
  };
}

/**
 * One watched symbol per venue, its trading tab(s) asking for the panel every second as the content
 * script does (plus the OI recorder's alarm where the venue has no OI history), over `minutes` of
 * simulated time. Reported per hour: the first `warmUp` minutes as they are, the rest scaled up.
 */
export async function requestEconomy(minutes: number): Promise<EconomyRow[]> {
  const warmUp = Math.min(3, minutes / 4);
  const rows: EconomyRow[] = [];
  for (const venue of VENUE_IDS) {
    const symbol = POSITIONS_PAGE_SYMBOL[venue];
    const run = async (tabs: number): Promise<VenueCount> => {
      const bg = simulatedBackground();
      const req: PanelViewRequest = {
        type: 'panel.view',
        venue,
        symbol,
        read: { status: 'ok', rows: [{ ok: true, position: heldLong(venue, symbol) }], notes: [] },
        address: null,
        prefs: null,
        have: null,
      };
      let cold: VenueCount = { requests: 0, units: 0 };
      for (let s = 0; s < minutes * 60; s++) {
        if (s === warmUp * 60) cold = { ...bg.counts[venue] };
        await Promise.all(Array.from({ length: tabs }, (_, tab) => bg.view(req, tab + 1)));
        await bg.advance(1000);
      }
      bg.dispose();
      const c = bg.counts[venue];
      // The cold start (instrument list, history, tiers) is paid once an hour at most: counted once,
      // and only the minutes after it are scaled up to the hour. Over a whole hour this is the count.
      const scale = (60 - warmUp) / (minutes - warmUp);
      const perHour = (first: number, all: number) => Math.round(first + (all - first) * scale);
      return { requests: perHour(cold.requests, c.requests), units: perHour(cold.units, c.units) };
    };
    const oneTab = await run(1);
    const tenTabs = await run(10);
    const { rateLimit } = VENUE_MARKETS[venue].descriptor;
    const limitPerHour = rateLimit.units * (3_600_000 / rateLimit.windowMs);
    rows.push({
      venue,
      symbol,
      oneTab,
      tenTabs,
      ratio: tenTabs.requests / Math.max(1, oneTab.requests),
      shareOfLimit: Math.max(oneTab.units, tenTabs.units) / limitPerHour,
      limit: `${rateLimit.units} ${rateLimit.unit} / ${rateLimit.windowMs / 1000} s`,
    });
  }
  return rows;
}
