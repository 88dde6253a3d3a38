import { describe, expect, it } from 'vitest';
import { DYDX_ADDRESS, EVM_ADDRESS, WALLET_ADDRESS } from '../../../src/protocol/patterns';

const EVM = '0x' + 'aB3'.repeat(13) + 'c';
const DYDX = 'dydx1' + 'qpzry9x8gf2tvdw0s3jn54khce6mua7l'.slice(0, 32) + 'qpzry9';

describe('wallet address patterns', () => {
  it('is the two kinds of address, no more', () => {
    const inner = (r: RegExp) => r.source.slice(1, -1);
    expect(WALLET_ADDRESS.source).toBe(`^(?:${inner(EVM_ADDRESS)}|${inner(DYDX_ADDRESS)})$`);
    expect(WALLET_ADDRESS.flags).toBe('');
  });

  it('takes either kind of address, whole', () => {
    expect(EVM).toHaveLength(42);
    expect(DYDX).toHaveLength(43);
    for (const a of [EVM, DYDX]) expect(WALLET_ADDRESS.test(a), a).toBe(true);
    expect(EVM_ADDRESS.test(EVM) && !EVM_ADDRESS.test(DYDX)).toBe(true);
    expect(DYDX_ADDRESS.test(DYDX) && !DYDX_ADDRESS.test(EVM)).toBe(true);
  });

  it('refuses a part, a prefix or a suffix around one, and letters outside each alphabet', () => {
    for (const a of [EVM.slice(0, -1), `${EVM}0`, ` ${EVM}`, `${EVM}|${DYDX}`, DYDX.replace('q', 'b'), DYDX.toUpperCase(), '0x' + 'g'.repeat(40)]) {
      expect(WALLET_ADDRESS.test(a), a).toBe(false);
    }
  });
});
