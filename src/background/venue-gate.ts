import type { FetchError, Http, HttpRequest, Result, VenueDescriptor } from '../venues/market-types';
import type { JsonRequest } from './http';
import { createWindowBudget, type WindowBudget } from './window-budget';

export interface GateOptions {
  fetchJson: (req: JsonRequest) => Promise<Result<unknown>>;
  now?: () => number;
  random?: () => number;
  /**
   * Share of the venue's published limit PerpLens may spend in any one of its windows (a burst cap;
   * the cache's refresh times keep the hourly average far lower). The rest is the trader's.
   */
  budgetShare?: number;
  /**
   * How long a request may wait for budget to free up before it is refused as "paused". A burst (the
   * popup's first load asks for every row at once) then trickles through within a few seconds
   * instead of leaving parts of rows paused until their next refresh, as ccxt's throttler queues
   * rather than drops. Longer waits are refused: the caller's cache holds the part until the window
   * frees.
   */
  maxWaitMs?: number;
  /** Waits `ms`; a test passes one that moves its clock. */
  sleep?: (ms: number) => Promise<void>;
}

export interface GateStatus {
  /** Units spent in the current budget window. */
  spent: number;
  budget: number;
  /** Set while the venue is held back (rate limit or region block), with why. */
  heldUntil: number | null;
  hold: FetchError | null;
  requests: number;
}

const REGION_HOLD_MS = 30 * 60_000;
const BACKOFF_BASE_MS = 2_000;
const BACKOFF_MAX_MS = 5 * 60_000;
/** Binance's 418 is an IP ban of 2 minutes to 3 days: asking again within seconds only lengthens it. */
const BAN_MIN_HOLD_MS = 2 * 60_000;
const MAX_WAIT_MS = 6_000;
/** Background requests wait this long for room: a cold zone history's pages trickle in behind the views' requests. */
const BACKGROUND_MAX_WAIT_MS = 60_000;
/** How often a background request that gave way looks again. */
const YIELD_MS = 200;
const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The endpoint a request calls: its path, and for a single POST endpoint (Hyperliquid's /info) the body's `type`. */
function endpointKey(req: HttpRequest): string {
  const type = req.body && typeof req.body === 'object' && 'type' in req.body ? String((req.body as { type: unknown }).type) : '';
  return `${req.url.origin}${req.url.pathname}#${type}`;
}

function requestKey(req: HttpRequest): string {
  return `${req.method ?? 'GET'} ${req.url.toString()} ${req.body === undefined ? '' : JSON.stringify(req.body)}`;
}

/**
 * The only way a venue client reaches the network. Per venue it keeps a request budget well under
 * the published limit, shares identical requests (in flight, and for `shareForMs` after), and after
 * a rate limit or a region block holds the whole venue back instead of retrying in a loop.
 */
export interface SavedHold {
  error: FetchError;
  until: number;
}

export type VenueGate = Http & {
  status(): GateStatus;
  /** The current hold, to survive a worker restart (a ban must not be forgotten by a restart). */
  savedHold(): SavedHold | null;
  restoreHold(saved: SavedHold): void;
};

export function createVenueGate(descriptor: VenueDescriptor, opts: GateOptions): VenueGate {
  const now = opts.now ?? Date.now;
  const random = opts.random ?? Math.random;
  const sleep = opts.sleep ?? realSleep;
  const maxWaitMs = opts.maxWaitMs ?? MAX_WAIT_MS;
  const share = opts.budgetShare ?? 0.25;
  const budget = Math.max(1, Math.floor(descriptor.rateLimit.units * share));
  const venueBudget = createWindowBudget(budget, descriptor.rateLimit.windowMs);
  // Endpoints with a published limit of their own get the same share of it, counted apart.
  const groups = (descriptor.endpointLimits ?? []).map((limit) => ({
    paths: new Set(limit.paths),
    budget: createWindowBudget(Math.max(1, Math.floor(limit.requests * share)), limit.windowMs),
  }));
  const inFlight = new Map<string, Promise<Result<unknown>>>();
  const shared = new Map<string, { value: unknown; until: number }>();
  let hold: FetchError | null = null;
  let heldUntil = 0;
  // Strikes per endpoint: when one endpoint keeps answering 429 (Bybit limits per endpoint), the
  // others succeeding between holds must not reset its backoff to 2 s every time.
  const strikes = new Map<string, number>();
  let requests = 0;
  /** Requests a view waits for that are queued for budget: background requests give way to them. */
  let foregroundWaiting = 0;

  function holdFor(error: FetchError, t: number, endpoint: string): FetchError {
    let until: number;
    if (error.kind === 'region-blocked') {
      until = t + REGION_HOLD_MS;
    } else {
      const strike = (strikes.get(endpoint) ?? 0) + 1;
      strikes.set(endpoint, strike);
      const backoff = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** (strike - 1));
      const jittered = backoff * (0.8 + 0.4 * random());
      const floor = error.status === 418 ? BAN_MIN_HOLD_MS : 0;
      until = Math.max(error.retryAt ?? 0, t + Math.max(floor, jittered));
    }
    heldUntil = until;
    hold = { ...error, retryAt: until };
    return hold;
  }

  async function send(req: HttpRequest, key: string): Promise<Result<unknown>> {
    const units = req.weight ?? 1;
    requests++;
    const init: JsonRequest = { venue: descriptor.venue, url: req.url, weight: units };
    if (req.method) init.method = req.method;
    if (req.body !== undefined) init.body = req.body;
    const result = await opts.fetchJson(init);
    const endpoint = endpointKey(req);
    const refused = result.ok ? req.refusal?.(result.value) : null;
    if (refused && (refused.kind === 'rate-limited' || refused.kind === 'region-blocked')) return { ok: false, error: holdFor(refused, now(), endpoint) };
    if (result.ok) {
      strikes.delete(endpoint);
      if (req.shareForMs && (req.accept?.(result.value) ?? true)) shared.set(key, { value: result.value, until: now() + req.shareForMs });
      return result;
    }
    if (result.error.kind === 'rate-limited' || result.error.kind === 'region-blocked') {
      return { ok: false, error: holdFor(result.error, now(), endpoint) };
    }
    return result;
  }

  const http = async (req: HttpRequest): Promise<Result<unknown>> => {
    if (req.url.origin !== new URL(descriptor.apiBase).origin && !descriptor.extraOrigins?.includes(req.url.origin)) {
      return {
        ok: false,
        error: {
          kind: 'bad-request',
          venue: descriptor.venue,
          endpoint: req.url.pathname,
          message: `refused: ${req.url.origin} is not a ${descriptor.venue} API host`,
        },
      };
    }
    const t = now();
    const key = requestKey(req);
    const cached = shared.get(key);
    if (cached && cached.until > t) return { ok: true, value: cached.value };
    const pending = inFlight.get(key);
    if (pending) return pending;
    if (hold && t < heldUntil) return { ok: false, error: hold };
    const p = whenBudgetAllows(req)
      .then((refused) => refused ?? send(req, key))
      .finally(() => inFlight.delete(key));
    // Registered before any wait, so identical requests arriving while this one queues share it.
    inFlight.set(key, p);
    return p;
  };

  /** Waits until the request fits its budgets; the refusal when it would wait longer than `maxWaitMs` or a hold began meanwhile. */
  async function whenBudgetAllows(req: HttpRequest): Promise<Result<unknown> | null> {
    const units = req.weight ?? 1;
    const budgets: { budget: WindowBudget; units: number }[] = [
      { budget: venueBudget, units },
      // An endpoint limit counts requests, whatever the request's weight against the venue's.
      ...groups.filter((g) => g.paths.has(req.url.pathname)).map((g) => ({ budget: g.budget, units: 1 })),
    ];
    // Measured on the clock, since timers run late in a busy worker; and by the sleeps themselves,
    // so a clock that does not move (a test's) cannot keep a request waiting for ever.
    const background = req.background === true;
    const maxWait = background ? BACKGROUND_MAX_WAIT_MS : maxWaitMs;
    const deadline = now() + maxWait;
    let slept = 0;
    let counted = false;
    try {
      for (;;) {
        const t = now();
        if (hold && t < heldUntil) return { ok: false, error: hold };
        // A request that would cross a budget waits too: a heavy one (Hyperliquid candles, weight 20+)
        // must not overshoot the share by its own weight every window.
        // Background work fits only in the window's first half, so it never leaves a view's next
        // request without room (a second market's cold start arriving after the first's pages).
        const frees = Math.max(...budgets.map((b) => b.budget.freesAt(t, b.units + (background ? Math.floor(b.budget.capacity / 2) : 0)) ?? t));
        // Background work never takes the room a view's request is queued for.
        const giveWay = background && foregroundWaiting > 0;
        if (frees <= t && !giveWay) {
          // Spent at the moment it fits, in the same turn as the check: callers asking at once must
          // not all see the same free room.
          for (const b of budgets) b.budget.reserve(t, b.units);
          return null;
        }
        if (!background && !counted) {
          counted = true;
          foregroundWaiting++;
        }
        if (frees > deadline || slept >= maxWait) {
          const error: FetchError = {
            kind: 'rate-limited',
            venue: descriptor.venue,
            endpoint: req.url.pathname,
            message: `PerpLens paused ${descriptor.venue} requests to stay well under its rate limit`,
          };
          if (Number.isFinite(frees)) error.retryAt = frees;
          return { ok: false, error };
        }
        const wait = frees <= t ? YIELD_MS : Math.max(1, frees - t);
        slept += wait;
        await sleep(wait);
      }
    } finally {
      if (counted) foregroundWaiting--;
    }
  }

  return Object.assign(http, {
    savedHold: (): SavedHold | null => (hold && heldUntil > now() ? { error: hold, until: heldUntil } : null),
    restoreHold(saved: SavedHold): void {
      if (saved.until > now() && saved.until > heldUntil) {
        hold = saved.error;
        heldUntil = saved.until;
      }
    },
    status: (): GateStatus => ({
      spent: venueBudget.spent(now()),
      budget,
      heldUntil: heldUntil > now() ? heldUntil : null,
      hold: heldUntil > now() ? hold : null,
      requests,
    }),
  });
}
