import { BOUNDS } from '../settings/schema';
import { Section, TextField, type SectionProps } from './fields';

export function RefreshSection({ draft, errors, update }: SectionProps) {
  const set = (key: 'quoteSeconds' | 'watchlistSeconds') => (value: string) => update((d) => ({ ...d, refresh: { ...d.refresh, [key]: value } }));
  const { quoteSeconds: q, watchlistSeconds: w } = BOUNDS;
  return (
    <Section
      id="refresh"
      title="Refresh intervals"
      intro="How often prices and funding are fetched. The bounds keep PerpLens well inside each venue's request limits."
    >
      <div class="grid">
        <TextField
          path="refresh.quoteSeconds"
          label="Positions' market data"
          unit="seconds"
          hint={`${q.min} to ${q.max}.`}
          inputMode="numeric"
          value={draft.refresh.quoteSeconds}
          errors={errors}
          onInput={set('quoteSeconds')}
        />
        <TextField
          path="refresh.watchlistSeconds"
          label="Watchlist"
          unit="seconds"
          hint={`${w.min} to ${w.max}.`}
          inputMode="numeric"
          value={draft.refresh.watchlistSeconds}
          errors={errors}
          onInput={set('watchlistSeconds')}
        />
      </div>
    </Section>
  );
}
