import { isDydxAddress } from './address';

/*
 * Where dydx.trade keeps the connected dYdX address in localStorage (same origin as the content
 * script), per dydxprotocol/v4-web 2248cb6:
 * - `dydx.DydxAddress` (LocalStorageKey.DydxAddress, src/constants/localStorage.ts): the legacy key,
 *   written with JSON.stringify, so the address is stored JSON-quoted ("\"dydx1…\"");
 *   src/state/migrations/1.ts still reads it (and says so about the extra quotes).
 * - `persist:root` (redux-persist, src/state/_store.ts, whitelist includes `wallet`): current
 *   builds keep the address in `wallet.localWallet.address` (src/state/wallet.ts; set by
 *   useAccounts.tsx). redux-persist stores each slice as a JSON string inside the JSON object.
 * Only a checksum-valid dYdX address is returned; anything else is null.
 */

const LEGACY_KEY = 'dydx.DydxAddress';
const PERSIST_KEY = 'persist:root';

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

const field = (o: unknown, key: string): unknown => (typeof o === 'object' && o !== null && key in o ? (o as Record<string, unknown>)[key] : undefined);

function address(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const s = value.trim();
  return isDydxAddress(s) ? s : null;
}

function legacyAddress(stored: string | null): string | null {
  if (stored === null) return null;
  const trimmed = stored.trim();
  return address(trimmed.startsWith('"') ? parseJson(trimmed) : trimmed);
}

function persistedAddress(stored: string | null): string | null {
  if (stored === null) return null;
  let wallet = field(parseJson(stored), 'wallet');
  if (typeof wallet === 'string') wallet = parseJson(wallet);
  return address(field(field(wallet, 'localWallet'), 'address'));
}

function read(storage: Pick<Storage, 'getItem'>, key: string): string | null {
  try {
    return storage.getItem(key);
  } catch {
    return null; // storage disabled or blocked
  }
}

/** The dYdX address the page has stored, or null when there is none (or it is not valid). */
export function dydxAddressFromStorage(storage: Pick<Storage, 'getItem'>): string | null {
  return legacyAddress(read(storage, LEGACY_KEY)) ?? persistedAddress(read(storage, PERSIST_KEY));
}
