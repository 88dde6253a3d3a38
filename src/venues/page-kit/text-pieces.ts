import { isHiddenElement } from './visibility';

/**
 * The visible text of an element as separate pieces, one per text node, trimmed, empty ones left out.
 * A cell such as `<a>BTCUSDT</a><span>Perpetual</span><span>Cross</span><span>20.00x</span>` reads
 * as ["BTCUSDT", "Perpetual", "Cross", "20.00x"], so labels are matched whole even when the venue
 * puts no space between its tags (visibleText would give "BTCUSDTPerpetualCross20.00x"). Hidden
 * elements are left out by the same markers as rows (isHiddenElement). DOM text only, no layout.
 */
export function textPieces(el: Element): string[] {
  const out: string[] = [];
  const walk = (n: Node): void => {
    if (n.nodeType === 3) {
      const t = (n.nodeValue ?? '').replace(/\s+/g, ' ').trim();
      if (t) out.push(t);
      return;
    }
    if (n.nodeType !== 1) return;
    const e = n as Element;
    if (e.tagName === 'STYLE' || e.tagName === 'SCRIPT' || isHiddenElement(e)) return;
    for (const c of Array.from(e.childNodes)) walk(c);
  };
  walk(el);
  return out;
}
