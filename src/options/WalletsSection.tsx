import { Section, TextField, type SectionProps } from './fields';

export function WalletsSection({ draft, errors, update }: SectionProps) {
  const set = (key: 'hyperliquid' | 'dydx') => (value: string) => update((d) => ({ ...d, wallets: { ...d.wallets, [key]: value } }));
  return (
    <Section
      id="wallets"
      title="Wallet addresses"
      intro="Optional. With an address PerpLens asks the venue's public API for your positions and uses the page as the cross-check. Addresses stay in your browser's synced storage."
    >
      <TextField
        path="wallets.hyperliquid"
        label="Hyperliquid"
        hint="0x followed by 40 hexadecimal digits."
        placeholder="0x…"
        wide
        value={draft.wallets.hyperliquid}
        errors={errors}
        onInput={set('hyperliquid')}
      />
      <TextField
        path="wallets.dydx"
        label="dYdX"
        hint="dydx1… (its checksum is verified)."
        placeholder="dydx1…"
        wide
        value={draft.wallets.dydx}
        errors={errors}
        onInput={set('dydx')}
      />
    </Section>
  );
}
