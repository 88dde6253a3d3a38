import { Section, TextField, type SectionProps } from './fields';

export function BandsSection({ draft, errors, update }: SectionProps) {
  const set = (key: 'dangerBelow' | 'cautionBelow') => (value: string) => update((d) => ({ ...d, bands: { ...d.bands, [key]: value } }));
  return (
    <Section id="bands" title="Risk bands" intro="How close to its liquidation price (as a share of the mark price) a position turns red or amber. Danger must be below caution; at most 50%.">
      <div class="grid">
        <TextField path="bands.dangerBelow" label="Danger below" unit="%" inputMode="decimal" value={draft.bands.dangerBelow} errors={errors} onInput={set('dangerBelow')} />
        <TextField path="bands.cautionBelow" label="Caution below" unit="%" inputMode="decimal" value={draft.bands.cautionBelow} errors={errors} onInput={set('cautionBelow')} />
      </div>
    </Section>
  );
}
