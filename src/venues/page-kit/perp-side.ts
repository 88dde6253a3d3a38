// Which side a row is: words ("Long", "Short") and leverage tokens in a cell, and the votes of every
// source of the side (label, size sign, row colour), where two disagreeing sources make the row unreadable.
import type { Side } from '../../core/types';
import { sideFromInlineColour, type SidePalette } from './value-patterns';

export const LEVERAGE = /(\d{1,3}(?:[.,]\d{1,2})?)\s?(?:[x×X]|倍)(?![A-Za-z])/;

function tokens(text: string): string[] {
  return text
    .normalize('NFKC')
    .split(/[\s·•|/,;:()[\]]+/)
    .map((t) => t.replace(LEVERAGE, '').toLowerCase())
    .filter((t) => t !== '');
}

/** The key of `words` whose word appears as a token of `text`; 'conflict' when two keys do; null when none. */
export function wordIn<K extends string>(text: string, words: Record<K, readonly string[]>): K | 'conflict' | null {
  const have = new Set(tokens(text));
  let hit: K | null = null;
  for (const key of Object.keys(words) as K[]) {
    if (words[key].some((w) => have.has(w.normalize('NFKC').toLowerCase()))) {
      if (hit !== null && hit !== key) return 'conflict';
      hit = key;
    }
  }
  return hit;
}

export interface Votes {
  side: Side | null;
  conflict: string | null;
}

export function decideSide(sources: { name: string; side: Side | 'conflict' | null }[]): Votes {
  let side: Side | null = null;
  let from = '';
  for (const s of sources) {
    if (s.side === 'conflict') return { side: null, conflict: `the ${s.name} says both long and short` };
    if (s.side === null) continue;
    if (side !== null && side !== s.side) return { side: null, conflict: `the ${from} says ${side} but the ${s.name} says ${s.side}` };
    if (side === null) from = s.name;
    side = s.side;
  }
  return { side, conflict: null };
}

export function ownColour(el: Element, palette: SidePalette): Side | 'conflict' | null {
  if (!el.hasAttribute('style')) return null;
  const clone = el.cloneNode(false) as Element;
  return sideFromInlineColour(clone, palette);
}
