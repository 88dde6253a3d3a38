import { h, render } from 'preact';
import { matchVenuePage } from '../venues';
import type { PageMatch } from '../venues/types';
import { Panel } from '../ui/Panel';
import { nextMarketState, type MarketState } from '../ui/market-state';
import { extensionAlive, requestSnapshot } from './messaging';
import { mountHost, type Mounted } from './mount';
import { QUOTE_REFRESH_MS, QUOTE_STALE_AFTER_MS } from '../venues/snapshot-types';

// Asking twice per background refresh keeps the shown quote at most one refresh old.
const ASK_EVERY_MS = QUOTE_REFRESH_MS / 2;
const TICK_MS = 1_000;
const DEFAULT_WINDOW = '4h' as const;

interface Session {
  match: PageMatch;
  mounted: Mounted;
  market: MarketState;
  lastRequest: number;
  inFlight: boolean;
}

let session: Session | null = null;

function draw(s: Session): void {
  const props = { venue: s.match.venue, symbol: s.match.symbol, market: s.market, now: Date.now(), staleAfterMs: QUOTE_STALE_AFTER_MS, window: DEFAULT_WINDOW };
  render(h(Panel, props), s.mounted.container);
}

async function refresh(s: Session): Promise<void> {
  if (s.inFlight) return;
  s.inFlight = true;
  s.lastRequest = Date.now();
  const reply = await requestSnapshot(s.match.venue, s.match.symbol);
  s.inFlight = false;
  if (session !== s) return;
  s.market = nextMarketState(s.market, reply);
  draw(s);
}

function start(match: PageMatch): void {
  stop();
  const s: Session = { match, mounted: mountHost(document), market: { status: 'loading' }, lastRequest: 0, inFlight: false };
  session = s;
  draw(s);
  void refresh(s);
}

function stop(): void {
  if (!session) return;
  render(null, session.mounted.container);
  session.mounted.remove();
  session = null;
}

function sameMatch(a: PageMatch | null, b: PageMatch | null): boolean {
  return a?.venue === b?.venue && a?.symbol === b?.symbol;
}

// One slow tick drives the countdown, route changes of the single-page app and the refresh; nothing
// runs while the tab is hidden.
function tick(): void {
  if (!extensionAlive()) {
    clearInterval(timer);
    return;
  }
  if (document.hidden) return;
  const match = matchVenuePage(new URL(location.href));
  if (!sameMatch(match, session?.match ?? null)) {
    if (match) start(match);
    else stop();
    return;
  }
  if (!session) return;
  session.mounted.ensureAttached();
  if (Date.now() - session.lastRequest >= ASK_EVERY_MS) void refresh(session);
  draw(session);
}

const initial = matchVenuePage(new URL(location.href));
if (initial) start(initial);
const timer = setInterval(tick, TICK_MS);
