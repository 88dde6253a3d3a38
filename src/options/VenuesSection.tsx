import { VENUE_NAMES } from '../venues/names';
import { VENUE_IDS } from '../venues/registry';
import { Checkbox, Section, type SectionProps } from './fields';

export function VenuesSection({ draft, update }: SectionProps) {
  return (
    <Section id="venues" title="Venues" intro="PerpLens reads pages and fetches market data only for the venues switched on.">
      <div class="grid">
        {VENUE_IDS.map((venue) => (
          <Checkbox
            key={venue}
            path={`venues.${venue}`}
            label={VENUE_NAMES[venue]}
            checked={draft.venues[venue]}
            onChange={(on) => update((d) => ({ ...d, venues: { ...d.venues, [venue]: on } }))}
          />
        ))}
      </div>
    </Section>
  );
}
