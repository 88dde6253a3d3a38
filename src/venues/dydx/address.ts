// A dYdX account is a Cosmos bech32 address: human-readable part `dydx`, separator `1`, then 32
// characters of a 20-byte account key and 6 of checksum (BIP-173; Cosmos uses the original bech32
// constant, not bech32m). The checksum is verified, so a mistyped address is refused before it
// reaches the indexer.
const CHARSET = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';
const GENERATORS = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];
const HRP = 'dydx';
const DATA_LENGTH = 38;

function polymod(values: readonly number[]): number {
  let chk = 1;
  for (const value of values) {
    const top = chk >>> 25;
    chk = (((chk & 0x1ffffff) << 5) ^ value) >>> 0;
    GENERATORS.forEach((g, i) => {
      if ((top >>> i) & 1) chk = (chk ^ g) >>> 0;
    });
  }
  return chk;
}

function hrpExpand(hrp: string): number[] {
  const codes = [...hrp].map((c) => c.charCodeAt(0));
  return [...codes.map((c) => c >>> 5), 0, ...codes.map((c) => c & 31)];
}

export function isDydxAddress(s: string): boolean {
  // Bech32 is case-insensitive but never mixed-case.
  if (s !== s.toLowerCase() && s !== s.toUpperCase()) return false;
  const lower = s.toLowerCase();
  if (lower.length !== HRP.length + 1 + DATA_LENGTH || !lower.startsWith(`${HRP}1`)) return false;
  const data: number[] = [];
  for (const c of lower.slice(HRP.length + 1)) {
    const value = CHARSET.indexOf(c);
    if (value < 0) return false;
    data.push(value);
  }
  return polymod([...hrpExpand(HRP), ...data]) === 1;
}
