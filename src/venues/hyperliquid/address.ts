import { EVM_ADDRESS } from '../../protocol/patterns';
// Hyperliquid accounts are EVM addresses. The API does not care about EIP-55 checksum case, so any
// case is accepted and the address is lower-cased: one account, one cache key, one request.

export function isHyperliquidAddress(s: string): boolean {
  return EVM_ADDRESS.test(s);
}

/** The lower-case form of a valid address; null for anything that is not one (after trimming). */
export function normaliseHyperliquidAddress(s: string): string | null {
  const trimmed = s.trim();
  return isHyperliquidAddress(trimmed) ? trimmed.toLowerCase() : null;
}
