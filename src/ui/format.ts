// Formatting for display only: the raw value always travels in data-value.

const priceFmt = new Map<number, Intl.NumberFormat>();

function decimalsForPrice(p: number): number {
  const a = Math.abs(p);
  if (a >= 1000) return 2;
  if (a >= 1) return 4;
  if (a === 0) return 2;
  // Tiny prices: keep four significant digits.
  return Math.min(12, Math.ceil(-Math.log10(a)) + 3);
}

export function formatPrice(p: number): string {
  const d = decimalsForPrice(p);
  let f = priceFmt.get(d);
  if (!f) {
    f = new Intl.NumberFormat('en-US', { minimumFractionDigits: Math.min(d, 2), maximumFractionDigits: d });
    priceFmt.set(d, f);
  }
  return f.format(p);
}

/** A fraction as a percentage; `digits` decimals so 0.4% never reads as 0%. */
export function formatPercent(fraction: number, digits = 2, signed = false): string {
  const s = (fraction * 100).toFixed(digits);
  return `${signed && fraction > 0 ? '+' : ''}${s.replace('-', '\u2212')}%`;
}

/**
 * Time to the next funding, to the minute ("4h 05m", "34m") and to the second only in its last
 * minute ("45s"): a panel whose text changed every second would repaint every second on the page.
 */
export function formatCountdown(ms: number): string {
  if (ms <= 0) return 'now';
  const total = Math.floor(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  if (h > 0) return `${h}h ${String(m).padStart(2, '0')}m`;
  return m > 0 ? `${m}m` : `${total}s`;
}

/** A time of day as the browser's locale writes it, hours and minutes ("14:32", "2:32 PM"). */
export function formatClock(at: number): string {
  return new Date(at).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
}

export function formatAge(ms: number): string {
  if (ms < 60_000) return `${Math.max(0, Math.round(ms / 1000))}s`;
  if (ms < 3_600_000) return `${Math.round(ms / 60_000)}m`;
  return `${Math.round(ms / 3_600_000)}h`;
}

const money = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** Quote-currency amount: `$9.00`, `−$3.20`. */
export function formatMoney(x: number, signed = false): string {
  const sign = x < 0 ? '\u2212' : signed && x > 0 ? '+' : '';
  return `${sign}$${money.format(Math.abs(x))}`;
}

export function formatNumber(x: number, digits = 2): string {
  return x.toFixed(digits).replace('-', '\u2212');
}

/** A probability as a percentage; a small but non-zero chance never reads as 0%. */
export function formatProbability(p: number): string {
  if (p > 0 && p < 0.001) return '<0.1%';
  if (p < 1 && p > 0.999) return '>99.9%';
  return `${(p * 100).toFixed(1)}%`;
}

/** An English ordinal: 1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st, 41st, 53rd, 100th. */
export function ordinal(n: number): string {
  const k = Math.round(n);
  const teen = Math.abs(k) % 100;
  const suffix = teen >= 11 && teen <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][Math.abs(k) % 10] ?? 'th');
  return `${k}${suffix}`;
}

/** A percentile (0–1) as an ordinal rank out of 100: 0.41 → "41st". */
export function formatPercentile(x: number): string {
  return ordinal(x * 100);
}

const amount = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/**
 * An amount in the market's settlement currency as the venue writes it: "9.00 USDT", "−3,700.00 USDC".
 * Without a known currency the number stands alone rather than with a guessed "$".
 */
export function formatQuote(x: number, currency: string | null, signed = false): string {
  const sign = x < 0 ? '\u2212' : signed && x > 0 ? '+' : '';
  return `${sign}${amount.format(Math.abs(x))}${currency ? ` ${currency}` : ''}`;
}

/** A size with its unit: "0.5000 BTC"; the unit left out when unknown. */
export function formatSize(size: number, unit: string | null): string {
  const digits = size >= 1000 ? 0 : size >= 1 ? 4 : 6;
  return `${size.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: Math.min(digits, 4) })}${unit ? ` ${unit}` : ''}`;
}
