import { VENUE_NAMES, WALLET_VENUE_IDS, walletOf } from '../venues/registry';
import { Section, TextField, type SectionProps } from './fields';

export function WalletsSection({ draft, errors, update }: SectionProps) {
  return (
    <Section
      id="wallets"
      title="Wallet addresses"
      intro="Optional. With an address PerpLens asks the venue's public API for your positions and uses the page as the cross-check. Addresses stay in your browser's synced storage."
    >
      {WALLET_VENUE_IDS.map((id) => (
        <TextField
          key={id}
          path={`wallets.${id}`}
          label={VENUE_NAMES[id]}
          hint={walletOf(id).hint}
          placeholder={walletOf(id).placeholder}
          wide
          value={draft.wallets[id]}
          errors={errors}
          onInput={(value) => update((d) => ({ ...d, wallets: { ...d.wallets, [id]: value } }))}
        />
      ))}
    </Section>
  );
}
