import { Checkbox, Section, type SectionProps } from './fields';

export function PrivacySection({ draft, update }: SectionProps) {
  return (
    <Section id="privacy" title="Privacy">
      <Checkbox
        path="privacyMode"
        label="Hide amounts by default"
        hint="The panel starts with position sizes and funding amounts hidden; its ● button shows them. Percentages stay visible."
        checked={draft.privacyMode}
        onChange={(on) => update((d) => ({ ...d, privacyMode: on }))}
      />
    </Section>
  );
}
