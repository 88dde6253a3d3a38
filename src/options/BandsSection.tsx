import type { BandBasis } from '../core/bands';
import type { Draft } from './draft';
import { fieldId, Section, TextField, type SectionProps } from './fields';

const BASES: { id: BandBasis; label: string }[] = [
  { id: 'touch', label: 'Chance to touch the liquidation price within 24 h (recommended)' },
  { id: 'sigma', label: 'Distance in typical daily moves (σ)' },
  { id: 'percent', label: 'Distance in % of price' },
];

type BandKey = Exclude<keyof Draft['bands'], 'basis'>;

export function BandsSection({ draft, errors, update }: SectionProps) {
  const set = (key: BandKey) => (value: string) => update((d) => ({ ...d, bands: { ...d.bands, [key]: value } }));
  const basisId = fieldId('bands.basis');
  const b = draft.bands;
  return (
    <Section
      id="bands"
      title="Risk bands"
      intro="When a position turns red (danger) or amber (caution). The chance to touch weighs the distance by how much the market moves; when the volatility is unknown the % bands apply, and the panel says so."
    >
      <div class="field">
        <label for={basisId}>Judge positions by</label>
        <select
          id={basisId}
          value={b.basis}
          onChange={(e) => {
            const basis = BASES.find((x) => x.id === e.currentTarget.value)?.id;
            if (basis) update((d) => ({ ...d, bands: { ...d.bands, basis } }));
          }}
        >
          {BASES.map((x) => (
            <option key={x.id} value={x.id}>
              {x.label}
            </option>
          ))}
        </select>
      </div>
      <div class="grid">
        <TextField
          path="bands.touchDanger"
          label="Danger at a touch chance of"
          unit="%"
          inputMode="decimal"
          value={b.touchDanger}
          errors={errors}
          onInput={set('touchDanger')}
        />
        <TextField
          path="bands.touchCaution"
          label="Caution at a touch chance of"
          unit="%"
          inputMode="decimal"
          value={b.touchCaution}
          errors={errors}
          onInput={set('touchCaution')}
        />
        <TextField
          path="bands.sigmaDanger"
          label="Danger below"
          unit="σ"
          inputMode="decimal"
          value={b.sigmaDanger}
          errors={errors}
          onInput={set('sigmaDanger')}
        />
        <TextField
          path="bands.sigmaCaution"
          label="Caution below"
          unit="σ"
          inputMode="decimal"
          value={b.sigmaCaution}
          errors={errors}
          onInput={set('sigmaCaution')}
        />
        <TextField
          path="bands.dangerBelow"
          label="Danger below"
          unit="% of price"
          inputMode="decimal"
          value={b.dangerBelow}
          errors={errors}
          onInput={set('dangerBelow')}
        />
        <TextField
          path="bands.cautionBelow"
          label="Caution below"
          unit="% of price"
          inputMode="decimal"
          value={b.cautionBelow}
          errors={errors}
          onInput={set('cautionBelow')}
        />
      </div>
    </Section>
  );
}
