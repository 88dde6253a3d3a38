import { BOUNDS } from '../settings/schema';
import { Checkbox, Section, TextField, type SectionProps } from './fields';
import type { Draft } from './draft';

type Alerts = Draft['alerts'];

export function AlertsSection({ draft, errors, update }: SectionProps) {
  const set =
    <K extends keyof Alerts>(key: K) =>
    (value: Alerts[K]) =>
      update((d) => ({ ...d, alerts: { ...d.alerts, [key]: value } }));
  const { min, max } = BOUNDS.cooldownMinutes;
  return (
    <Section id="alerts" title="Alerts" intro="Browser notifications. After an alert, the same alert for the same market waits out the quiet time.">
      <Checkbox path="alerts.enabled" label="Send alerts" checked={draft.alerts.enabled} onChange={set('enabled')} />
      <div class="grid">
        <TextField
          path="alerts.distanceBelow"
          label="Alert when liquidation is closer than"
          unit="%"
          inputMode="decimal"
          value={draft.alerts.distanceBelow}
          errors={errors}
          onInput={set('distanceBelow')}
        />
        <TextField
          path="alerts.cooldownMinutes"
          label="Quiet time after an alert"
          unit="minutes"
          hint={`${min} to ${max}.`}
          inputMode="numeric"
          value={draft.alerts.cooldownMinutes}
          errors={errors}
          onInput={set('cooldownMinutes')}
        />
      </div>
      <Checkbox path="alerts.regimeFlip" label="When the market regime flips" checked={draft.alerts.regimeFlip} onChange={set('regimeFlip')} />
      <Checkbox path="alerts.extremeFunding" label="When funding turns extreme" checked={draft.alerts.extremeFunding} onChange={set('extremeFunding')} />
    </Section>
  );
}
