// Functions serialised into the page by `waitFor`/`evaluate`: each must be self-contained.

export interface FieldProbe {
  value: string | null;
  text: string;
  title: string | null;
  /** `data-covered-ms` (liquidation flow): how much of the window the record covers. */
  covered?: string | null;
  /** `data-change-4h` (long shares): the change over 4 hours in share points. */
  change4h?: string | null;
}

export interface MarketProbe {
  state: string | null;
  reason: string | null;
  venue: string | null;
  symbol: string | null;
  fields: Record<string, FieldProbe>;
  text: string;
}

/** Reads the panel's `[data-perplens-market]` block through the DOM contract. */
export function probeMarket(): MarketProbe | null {
  const root = document.getElementById('perplens-root')?.shadowRoot;
  const market = root?.querySelector('[data-perplens-market]');
  if (!root || !market) return null;
  const fields: Record<string, FieldProbe> = {};
  for (const el of Array.from(market.querySelectorAll('[data-field]'))) {
    fields[el.getAttribute('data-field') ?? ''] = {
      value: el.getAttribute('data-value'),
      text: el.textContent ?? '',
      title: el.getAttribute('title'),
      covered: el.getAttribute('data-covered-ms'),
      change4h: el.getAttribute('data-change-4h'),
    };
  }
  return {
    state: market.getAttribute('data-state'),
    reason: market.getAttribute('data-reason'),
    venue: market.getAttribute('data-venue'),
    symbol: market.getAttribute('data-symbol'),
    fields,
    text: root.textContent ?? '',
  };
}

export const NOT_A_NUMBER = /NaN|undefined|Infinity/;

export interface PositionProbe {
  venue: string | null;
  symbol: string | null;
  side: string | null;
  state: string | null;
  reason: string | null;
  /** The card's band class (`band-danger`…), if any. */
  band: string | null;
  fields: Record<string, FieldProbe>;
  text: string;
}

/** A position's figure as a number; a missing or unknown one fails with its reason (runs in the test, not the page). */
export function knownNumber(p: PositionProbe, field: string): number {
  const v = p.fields[field]?.value;
  if (v === undefined || v === null || v === '') throw new Error(`${p.symbol} ${p.side}: ${field} is unknown (${p.fields[field]?.title ?? 'missing'})`);
  return Number(v);
}

/** Reads every `[data-perplens-position]` through the DOM contract. */
export function probePositions(): PositionProbe[] | null {
  const root = document.getElementById('perplens-root')?.shadowRoot;
  if (!root) return null;
  return Array.from(root.querySelectorAll('[data-perplens-position]')).map((el) => {
    const fields: Record<string, FieldProbe> = {};
    for (const f of Array.from(el.querySelectorAll('[data-field]'))) {
      fields[f.getAttribute('data-field') ?? ''] = {
        value: f.getAttribute('data-value'),
        text: f.textContent ?? '',
        title: f.getAttribute('title'),
        covered: f.getAttribute('data-covered-ms'),
        change4h: f.getAttribute('data-change-4h'),
      };
    }
    return {
      venue: el.getAttribute('data-venue'),
      symbol: el.getAttribute('data-symbol'),
      side: el.getAttribute('data-side'),
      state: el.getAttribute('data-state'),
      reason: el.getAttribute('data-reason'),
      band: /\bband-(\w+)/.exec(el.getAttribute('class') ?? '')?.[1] ?? null,
      fields,
      text: el.textContent ?? '',
    };
  });
}

/** Every `[data-perplens-market]` of an extension page (the popup), through the DOM contract. */
export function probeMarketRows(): MarketProbe[] {
  return Array.from(document.querySelectorAll('[data-perplens-market]')).map((market) => {
    const fields: Record<string, FieldProbe> = {};
    for (const el of Array.from(market.querySelectorAll('[data-field]'))) {
      fields[el.getAttribute('data-field') ?? ''] = {
        value: el.getAttribute('data-value'),
        text: el.textContent ?? '',
        title: el.getAttribute('title'),
        covered: el.getAttribute('data-covered-ms'),
        change4h: el.getAttribute('data-change-4h'),
      };
    }
    return {
      state: market.getAttribute('data-state'),
      reason: market.getAttribute('data-reason'),
      venue: market.getAttribute('data-venue'),
      symbol: market.getAttribute('data-symbol'),
      fields,
      text: market.textContent ?? '',
    };
  });
}

/** The what-if result's fields, by name → data-value. */
export function probeWhatIf(): Record<string, string> | null {
  const out = document.querySelector('[data-perplens-whatif]');
  if (!out) return null;
  const r: Record<string, string> = {};
  for (const el of Array.from(out.querySelectorAll('[data-field]'))) r[el.getAttribute('data-field') ?? ''] = el.getAttribute('data-value') ?? '';
  return r;
}
