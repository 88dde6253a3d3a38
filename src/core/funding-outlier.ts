/**
 * Scale from the median absolute deviation to a standard deviation for normally spread values.
 * Robust: one odd venue does not widen the yardstick it is measured with.
 */
const MAD_TO_SIGMA = 1.4826;
/** Standing apart means more than this many (robust) standard deviations from the others' median... */
export const OUTLIER_SIGMAS = 3;
/**
 * ...and more than this per 8 h (0.0025%, about 2.7% a year): venues that agree to a few
 * hundred-thousandths are not worth telling apart, however tight the others are.
 */
export const OUTLIER_FLOOR_8H = 0.000025;

export const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = (s.length - 1) / 2;
  return ((s[Math.floor(mid)] ?? 0) + (s[Math.ceil(mid)] ?? 0)) / 2;
};

/**
 * The index of the one venue whose funding (per 8 h) stands apart from the others, or null. Each
 * venue is measured against the median of the OTHERS, with their median absolute deviation as the
 * yardstick; a venue stands apart when it is more than 3 robust σ and more than 0.0025% per 8 h away.
 * An outlier is named only when exactly one venue stands apart, among at least three: all venues
 * alike, or two camps, name none.
 */
export function fundingOutlier(rates8h: readonly number[]): number | null {
  if (rates8h.length < 3 || !rates8h.every(Number.isFinite)) return null;
  const apart = rates8h.flatMap((r, i) => {
    const others = rates8h.filter((_, j) => j !== i);
    const m = median(others);
    const sigma = MAD_TO_SIGMA * median(others.map((x) => Math.abs(x - m)));
    return Math.abs(r - m) > Math.max(OUTLIER_SIGMAS * sigma, OUTLIER_FLOOR_8H) ? [i] : [];
  });
  return apart.length === 1 ? (apart[0] ?? null) : null;
}
