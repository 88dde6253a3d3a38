import * as v from 'valibot';
import { DEFAULT_BANDS, type BandRules } from '../core/bands';
import type { RegimeThresholds, RegimeWindow } from '../core/regime';
import { WINDOWS } from '../venues/market-types';
import { perVenue, perWalletVenue, VENUE_IDS, WALLET_VENUE_IDS, walletOf, type VenueId, type WalletVenueId } from '../venues/registry';
import { SYMBOL_PATTERN } from '../protocol/patterns';

// The settings a user can change, as one validated document. The same schema checks what the
// options form is about to save, what storage hands back and what a user imports, so no path can
// store a value the rest of the extension would have to second-guess.

export const SETTINGS_VERSION = 1;

/** Bounds shared by the schema and the form's input attributes, so the two cannot drift apart. */
export const BOUNDS = {
  // Above half the price a "distance" band stops meaning anything for a leveraged position.
  fractionMax: 0.5,
  // Below 15 s the venues' quotes barely move and the request budget (README, "Market data") tightens.
  quoteSeconds: { min: 15, max: 300 },
  watchlistSeconds: { min: 15, max: 600 },
  cooldownMinutes: { min: 5, max: 1440 },
  watchlistMax: 200,
} as const;

export { SYMBOL_PATTERN };

export interface WatchItem {
  venue: VenueId;
  symbol: string;
}

/** Per wallet venue, its address as the venue's record checks it (Hyperliquid's `0x…`, dYdX's bech32 `dydx1…`), lower case. */
export type Wallets = Partial<Record<WalletVenueId, string>>;

export interface Settings {
  version: typeof SETTINGS_VERSION;
  venues: Record<VenueId, boolean>;
  wallets: Wallets;
  /**
   * The risk bands (core/bands.ts): judged on the 24 h touch chance (default), the distance in daily
   * σ, or in % of price; the % thresholds also apply whenever the volatility is unknown.
   */
  bands: BandRules;
  /** Smallest price / open-interest change per window that counts as a move (fractions); ready for ViewSettings.thresholds. */
  regimeThresholds: RegimeThresholds;
  /** The regime window the panel and popup open with. */
  defaultWindow: RegimeWindow;
  refresh: { quoteSeconds: number; watchlistSeconds: number };
  alerts: { enabled: boolean; distanceBelow: number; regimeFlip: boolean; extremeFunding: boolean; cooldownMinutes: number };
  privacyMode: boolean;
  watchlist: WatchItem[];
}

const NOT_A_NUMBER = 'must be a number';
const NOT_ON_OFF = 'must be true or false';

const fraction = v.pipe(
  v.number(NOT_A_NUMBER),
  v.finite(NOT_A_NUMBER),
  v.gtValue(0, 'must be above 0% and at most 50% (as a fraction: above 0, at most 0.5)'),
  v.maxValue(BOUNDS.fractionMax, 'must be above 0% and at most 50% (as a fraction: above 0, at most 0.5)'),
);

function wholeNumber(range: { min: number; max: number }, unit: string) {
  const message = `must be a whole number of ${unit} from ${range.min} to ${range.max}`;
  return v.pipe(v.number(NOT_A_NUMBER), v.integer(message), v.minValue(range.min, message), v.maxValue(range.max, message));
}

const onOff = v.boolean(NOT_ON_OFF);

// A blank address means "none": the form and hand-edited files both produce it.
const blank = (s: string) => s === '';
/** One wallet venue's address: its shape (without case), then its whole check, each with its own message. */
function walletAddress(id: WalletVenueId) {
  const w = walletOf(id);
  return v.pipe(
    v.string('must be text'),
    v.trim(),
    v.check((s) => blank(s) || w.shape.test(s), w.shapeMessage),
    // Only reached as a separate message when the shape is right, so a typo reads as a typo.
    v.check((s) => blank(s) || !w.shape.test(s) || w.isAddress(s), w.invalidMessage),
    v.transform((s) => (blank(s) ? undefined : s.toLowerCase())),
  );
}

const WalletsSchema = v.pipe(
  v.strictObject(perWalletVenue((id) => v.optional(walletAddress(id)))),
  // Absent, not `undefined`: the stored JSON and the exported file stay free of empty keys.
  v.transform((w): Wallets => {
    const out: Wallets = {};
    for (const id of WALLET_VENUE_IDS) {
      const address = w[id];
      if (address) out[id] = address;
    }
    return out;
  }),
);

const chance = v.pipe(
  v.number(NOT_A_NUMBER),
  v.finite(NOT_A_NUMBER),
  v.gtValue(0, 'must be above 0% and below 100% (as a fraction: above 0, below 1)'),
  v.ltValue(1, 'must be above 0% and below 100% (as a fraction: above 0, below 1)'),
);
const sigmas = v.pipe(
  v.number(NOT_A_NUMBER),
  v.finite(NOT_A_NUMBER),
  v.gtValue(0, 'must be above 0σ and at most 10σ'),
  v.maxValue(10, 'must be above 0σ and at most 10σ'),
);

// Settings saved before the basis existed hold only the % thresholds: the rest take their defaults.
const BandsSchema = v.pipe(
  v.strictObject({
    basis: v.optional(v.picklist(['touch', 'sigma', 'percent'] as const, 'must be touch, sigma or percent'), DEFAULT_BANDS.basis),
    dangerBelow: fraction,
    cautionBelow: fraction,
    touchDanger: v.optional(chance, DEFAULT_BANDS.touchDanger),
    touchCaution: v.optional(chance, DEFAULT_BANDS.touchCaution),
    sigmaDanger: v.optional(sigmas, DEFAULT_BANDS.sigmaDanger),
    sigmaCaution: v.optional(sigmas, DEFAULT_BANDS.sigmaCaution),
  }),
  v.forward(
    v.partialCheck([['dangerBelow'], ['cautionBelow']], (b) => b.dangerBelow < b.cautionBelow, 'must be above the danger band'),
    ['cautionBelow'],
  ),
  v.forward(
    v.partialCheck([['touchDanger'], ['touchCaution']], (b) => b.touchCaution < b.touchDanger, 'must be below the danger chance'),
    ['touchCaution'],
  ),
  v.forward(
    v.partialCheck([['sigmaDanger'], ['sigmaCaution']], (b) => b.sigmaDanger < b.sigmaCaution, 'must be above the danger distance'),
    ['sigmaCaution'],
  ),
);

const direction = v.strictObject({ price: fraction, oi: fraction });
const RegimeThresholdsSchema = v.strictObject({ '1h': direction, '4h': direction, '24h': direction });
const WindowSchema = v.picklist(WINDOWS, `must be one of ${WINDOWS.join(', ')}`);

const RefreshSchema = v.strictObject({
  quoteSeconds: wholeNumber(BOUNDS.quoteSeconds, 'seconds'),
  watchlistSeconds: wholeNumber(BOUNDS.watchlistSeconds, 'seconds'),
});

const AlertsSchema = v.strictObject({
  enabled: onOff,
  distanceBelow: fraction,
  regimeFlip: onOff,
  extremeFunding: onOff,
  cooldownMinutes: wholeNumber(BOUNDS.cooldownMinutes, 'minutes'),
});

export const WatchItemSchema = v.strictObject({
  venue: v.picklist(VENUE_IDS, `must be one of ${VENUE_IDS.join(', ')}`),
  symbol: v.pipe(v.string('must be text'), v.regex(SYMBOL_PATTERN, 'must be 1 to 40 letters, digits or . _ : -')),
});

export const sameMarket = (a: WatchItem, b: WatchItem) => a.venue === b.venue && a.symbol === b.symbol;

const WatchlistSchema = v.pipe(
  v.array(WatchItemSchema, 'must be a list'),
  v.maxLength(BOUNDS.watchlistMax, `must hold at most ${BOUNDS.watchlistMax} markets`),
  v.checkItems((item, i, list) => list.findIndex((o) => sameMarket(o, item)) === i, 'is already in the watchlist'),
);

export const SettingsSchema = v.strictObject({
  version: v.literal(SETTINGS_VERSION, `must be ${SETTINGS_VERSION}`),
  venues: v.strictObject(perVenue(() => onOff)),
  wallets: WalletsSchema,
  bands: BandsSchema,
  regimeThresholds: RegimeThresholdsSchema,
  defaultWindow: WindowSchema,
  refresh: RefreshSchema,
  alerts: AlertsSchema,
  privacyMode: onOff,
  watchlist: WatchlistSchema,
});

// Compile-time proof, both ways, that the schema produces exactly the documented Settings type.
type Assert<T extends U, U> = T;
export type SettingsSchemaChecks = [Assert<v.InferOutput<typeof SettingsSchema>, Settings>, Assert<Settings, v.InferOutput<typeof SettingsSchema>>];

export interface SettingsIssue {
  /** Where, as in the JSON file: `bands.cautionBelow`, `watchlist[3].symbol`; empty for the whole document. */
  path: string;
  message: string;
}

export type SettingsCheck = { ok: true; settings: Settings } | { ok: false; issues: SettingsIssue[] };
export type ParseResult = { ok: true; settings: Settings } | { ok: false; errors: string[] };

function issuePath(issue: v.BaseIssue<unknown>): string {
  let out = '';
  for (const item of issue.path ?? []) {
    const key: unknown = item.key;
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

// Object schemas carry no message of their own; valibot's defaults ("Expected never but received
// …") are written for programmers, so the three structural cases are put in words here.
function issueMessage(issue: v.BaseIssue<unknown>): string {
  if (issue.type !== 'strict_object') return issue.message;
  if (issue.expected === 'never') return 'is not a known setting';
  if (issue.expected === 'Object') return 'must be an object';
  return 'is missing';
}

/** Checks a whole settings document; issues carry their path so the form can show each by its field. */
export function checkSettings(input: unknown): SettingsCheck {
  // valibot takes an array for an object with every key missing; one line says it better.
  if (Array.isArray(input)) return { ok: false, issues: [{ path: '', message: 'must be an object' }] };
  const r = v.safeParse(SettingsSchema, input);
  if (r.success) return { ok: true, settings: r.output };
  return { ok: false, issues: r.issues.map((issue) => ({ path: issuePath(issue), message: issueMessage(issue) })) };
}

export const describeIssue = (issue: SettingsIssue) => `${issue.path || 'settings'}: ${issue.message}`;

/** Validates and normalises (addresses lower-cased, blank addresses dropped); errors name their path. */
export function parseSettings(input: unknown): ParseResult {
  const r = checkSettings(input);
  return r.ok ? r : { ok: false, errors: r.issues.map(describeIssue) };
}
