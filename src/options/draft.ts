import * as v from 'valibot';
import type { BandBasis } from '../core/bands';
import type { RegimeWindow } from '../core/regime';
import { perVenue, perWalletVenue, type VenueId, type WalletVenueId } from '../venues/registry';
import { BOUNDS, checkSettings, sameMarket, WatchItemSchema, type Settings, type SettingsIssue, type WatchItem } from '../settings/schema';

// The form edits text, not numbers: a half-typed "0." or an empty box must stay on screen as typed
// and be reported, not coerced. Fractions are shown as percentages because that is how traders
// read them. Validation is the settings schema's, applied to the draft converted back, so the form
// can never accept what storage would refuse.

type Pair = { price: string; oi: string };

export interface Draft {
  venues: Record<VenueId, boolean>;
  wallets: Record<WalletVenueId, string>;
  /** Percent text (touch chances and % of price); σ as plain decimal text. */
  bands: { basis: BandBasis; dangerBelow: string; cautionBelow: string; touchDanger: string; touchCaution: string; sigmaDanger: string; sigmaCaution: string };
  /** Percent text. */
  regimeThresholds: Record<RegimeWindow, Pair>;
  defaultWindow: RegimeWindow;
  refresh: { quoteSeconds: string; watchlistSeconds: string };
  /** distanceBelow is percent text, cooldownMinutes whole-number text. */
  alerts: { enabled: boolean; distanceBelow: string; regimeFlip: boolean; extremeFunding: boolean; cooldownMinutes: string };
  privacyMode: boolean;
  watchlist: WatchItem[];
}

/** 0.03 → "3"; rounding to 12 digits hides binary noise such as 0.1 + 0.2. */
export const percentText = (fraction: number) => String(Number((fraction * 100).toPrecision(12)));

// Plain decimals only: Number() would also take "0x10", "1e3" or "" (as 0), none of which a person
// typing a percentage means. A decimal comma is accepted for locales that write one.
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)$/;
const decimalText = (text: string) => text.trim().replace(',', '.');

/** "3" → 0.03, exactly as the literal 0.03 (scaling by exponent avoids a division's rounding). */
export function fromPercentText(text: string): number {
  const t = decimalText(text);
  return DECIMAL.test(t) ? Number(`${t}e-2`) : Number.NaN;
}

/** "30" → 30; "30.5" stays 30.5 so the schema can say "whole number" rather than "number". */
export function fromNumberText(text: string): number {
  const t = decimalText(text);
  return DECIMAL.test(t) ? Number(t) : Number.NaN;
}

function perWindow<T>(make: (w: RegimeWindow) => T): Record<RegimeWindow, T> {
  return { '1h': make('1h'), '4h': make('4h'), '24h': make('24h') };
}

export function toDraft(s: Settings): Draft {
  return {
    venues: { ...s.venues },
    wallets: perWalletVenue((id) => s.wallets[id] ?? ''),
    bands: {
      basis: s.bands.basis,
      dangerBelow: percentText(s.bands.dangerBelow),
      cautionBelow: percentText(s.bands.cautionBelow),
      touchDanger: percentText(s.bands.touchDanger),
      touchCaution: percentText(s.bands.touchCaution),
      sigmaDanger: String(s.bands.sigmaDanger),
      sigmaCaution: String(s.bands.sigmaCaution),
    },
    regimeThresholds: perWindow((w) => ({ price: percentText(s.regimeThresholds[w].price), oi: percentText(s.regimeThresholds[w].oi) })),
    defaultWindow: s.defaultWindow,
    refresh: { quoteSeconds: String(s.refresh.quoteSeconds), watchlistSeconds: String(s.refresh.watchlistSeconds) },
    alerts: { ...s.alerts, distanceBelow: percentText(s.alerts.distanceBelow), cooldownMinutes: String(s.alerts.cooldownMinutes) },
    privacyMode: s.privacyMode,
    watchlist: s.watchlist.map((w) => ({ ...w })),
  };
}

/** The document the draft stands for, for the schema to judge (unparseable text becomes NaN). */
export function fromDraft(d: Draft): unknown {
  return {
    version: 1,
    venues: perVenue((venue) => d.venues[venue]),
    wallets: perWalletVenue((id) => d.wallets[id]),
    bands: {
      basis: d.bands.basis,
      dangerBelow: fromPercentText(d.bands.dangerBelow),
      cautionBelow: fromPercentText(d.bands.cautionBelow),
      touchDanger: fromPercentText(d.bands.touchDanger),
      touchCaution: fromPercentText(d.bands.touchCaution),
      sigmaDanger: fromNumberText(d.bands.sigmaDanger),
      sigmaCaution: fromNumberText(d.bands.sigmaCaution),
    },
    regimeThresholds: perWindow((w) => ({ price: fromPercentText(d.regimeThresholds[w].price), oi: fromPercentText(d.regimeThresholds[w].oi) })),
    defaultWindow: d.defaultWindow,
    refresh: { quoteSeconds: fromNumberText(d.refresh.quoteSeconds), watchlistSeconds: fromNumberText(d.refresh.watchlistSeconds) },
    alerts: { ...d.alerts, distanceBelow: fromPercentText(d.alerts.distanceBelow), cooldownMinutes: fromNumberText(d.alerts.cooldownMinutes) },
    privacyMode: d.privacyMode,
    watchlist: d.watchlist,
  };
}

export type DraftCheck = { ok: true; settings: Settings; errors: ReadonlyMap<string, string> } | { ok: false; errors: ReadonlyMap<string, string> };

/** Validates the draft; errors are keyed by settings path (`bands.cautionBelow`), first message per path. */
export function checkDraft(d: Draft): DraftCheck {
  const r = checkSettings(fromDraft(d));
  if (r.ok) return { ok: true, settings: r.settings, errors: new Map() };
  const errors = new Map<string, string>();
  for (const issue of r.issues) if (!errors.has(issue.path)) errors.set(issue.path, formMessage(issue));
  return { ok: false, errors };
}

// The schema's fraction message also explains the JSON file's 0–0.5 scale; the form shows percent.
function formMessage(issue: SettingsIssue): string {
  return issue.message.replace(/ \(as a fraction: [^)]*\)$/, '');
}

/** Why `item` cannot join `list`, or null when it can. */
export function newWatchItemError(list: readonly WatchItem[], item: WatchItem): string | null {
  const r = v.safeParse(WatchItemSchema, item);
  if (!r.success) return r.issues[0]?.message ?? 'not a valid market';
  if (list.some((w) => sameMarket(w, item))) return 'is already in the watchlist';
  if (list.length >= BOUNDS.watchlistMax) return `the watchlist holds at most ${BOUNDS.watchlistMax} markets`;
  return null;
}
