import type { RegimeWindow } from '../core/regime';
import { WINDOWS } from '../venues/market-types';
import { fieldId, Section, TextField, type SectionProps } from './fields';

const isWindow = (s: string): s is RegimeWindow => (WINDOWS as readonly string[]).includes(s);

export function RegimeSection({ draft, errors, update }: SectionProps) {
  const setThreshold = (w: RegimeWindow, key: 'price' | 'oi') => (value: string) =>
    update((d) => ({ ...d, regimeThresholds: { ...d.regimeThresholds, [w]: { ...d.regimeThresholds[w], [key]: value } } }));
  const windowId = fieldId('defaultWindow');
  return (
    <Section
      id="regime"
      title="Regime thresholds"
      intro="The smallest change in price and in open interest over a window that counts as a move (above 0%, at most 50%)."
    >
      <div class="field">
        <label for={windowId}>Default window</label>
        <select
          id={windowId}
          value={draft.defaultWindow}
          onChange={(e) => {
            const w = e.currentTarget.value;
            if (isWindow(w)) update((d) => ({ ...d, defaultWindow: w }));
          }}
        >
          {WINDOWS.map((w) => (
            <option key={w} value={w}>
              {w}
            </option>
          ))}
        </select>
      </div>
      <div class="grid">
        {WINDOWS.map((w) => (
          <fieldset key={w} class="window">
            <legend>{w}</legend>
            <TextField
              path={`regimeThresholds.${w}.price`}
              label="Price"
              unit="%"
              inputMode="decimal"
              value={draft.regimeThresholds[w].price}
              errors={errors}
              onInput={setThreshold(w, 'price')}
            />
            <TextField
              path={`regimeThresholds.${w}.oi`}
              label="Open interest"
              unit="%"
              inputMode="decimal"
              value={draft.regimeThresholds[w].oi}
              errors={errors}
              onInput={setThreshold(w, 'oi')}
            />
          </fieldset>
        ))}
      </div>
    </Section>
  );
}
