// Hyperliquid accounts are EVM addresses. The API does not care about EIP-55 checksum case, so any
// case is accepted and the address is lower-cased: one account, one cache key, one request.
const HYPERLIQUID_ADDRESS = /^0x[0-9a-fA-F]{40}$/;

export function isHyperliquidAddress(s: string): boolean {
  return HYPERLIQUID_ADDRESS.test(s);
}

/** The lower-case form of a valid address; null for anything that is not one (after trimming). */
export function normaliseHyperliquidAddress(s: string): string | null {
  const trimmed = s.trim();
  return isHyperliquidAddress(trimmed) ? trimmed.toLowerCase() : null;
}
