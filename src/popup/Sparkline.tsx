/** A tiny inline-SVG line of the last 24 hourly values; no charting library needed for this. */
export function Sparkline({ values, label, width = 64, height = 18 }: { values: readonly number[]; label: string; width?: number; height?: number }) {
  const finite = values.filter((v) => Number.isFinite(v));
  if (finite.length < 2) return <span class="spark-empty" aria-label={`${label}: not enough history`} />;
  const min = Math.min(...finite);
  const max = Math.max(...finite);
  const span = max - min || 1;
  const points = finite
    .map((v, i) => `${((i / (finite.length - 1)) * width).toFixed(1)},${(height - 1 - ((v - min) / span) * (height - 2)).toFixed(1)}`)
    .join(' ');
  const up = (finite[finite.length - 1] ?? 0) >= (finite[0] ?? 0);
  return (
    <svg class={`spark ${up ? 'up' : 'down'}`} width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label}>
      <polyline points={points} fill="none" stroke="currentColor" stroke-width="1.2" />
    </svg>
  );
}
