import type { Side } from './types';

/** The `s` of docs/risk-math.md: +1 for a long, −1 for a short. */
export function sideSign(side: Side): 1 | -1 {
  return side === 'long' ? 1 : -1;
}
