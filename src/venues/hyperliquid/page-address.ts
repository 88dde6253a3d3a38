import { textPieces } from '../page-kit/text-pieces';
import { normaliseHyperliquidAddress } from './address';

// The wallet address Hyperliquid's page shows, for "use the address shown on this page" (docs/reading-pages.md:
// the page keeps no known localStorage key for it). The connected wallet is normally shown
// abbreviated ("0x1234…abcd"), which is not enough: an address is only returned when it appears IN
// FULL in the visible page text or in a link (an explorer link such as /explorer/address/0x…).
// Never a guess: when the page also shows abbreviations, the full address must match one of them
// (and be the only one that does); without abbreviations it must be the only full address shown.

const FULL = /(?<![0-9a-fA-Fx])0x[0-9a-fA-F]{40}(?![0-9a-fA-F])/g;
const SHORT = /(?<![0-9a-zA-Z])0x([0-9a-fA-F]{2,10})\s?(?:…|\.{2,3})\s?([0-9a-fA-F]{2,10})(?![0-9a-zA-Z])/g;

export function hyperliquidAddressFromPage(doc: Document): string | null {
  const body = doc.body;
  if (!body) return null;
  // One piece per text node, so "0x7a3f…9c2e" next to "token" does not read as "…9c2etoken".
  const text = textPieces(body).join(' ');
  const full = new Set<string>();
  const add = (s: string) => {
    for (const m of s.matchAll(FULL)) {
      const a = normaliseHyperliquidAddress(m[0]);
      if (a) full.add(a);
    }
  };
  add(text);
  for (const a of Array.from(body.querySelectorAll('a[href]'))) add(a.getAttribute('href') ?? '');
  if (!full.size) return null;

  const shorts = Array.from(text.matchAll(SHORT), (m) => [(m[1] ?? '').toLowerCase(), (m[2] ?? '').toLowerCase()] as const);
  if (shorts.length) {
    const matching = [...full].filter((a) => shorts.some(([head, tail]) => a.startsWith(`0x${head}`) && a.endsWith(tail)));
    return matching.length === 1 ? (matching[0] ?? null) : null;
  }
  return full.size === 1 ? ([...full][0] ?? null) : null;
}
