// Finds what must never reach a trader's screen: NaN, undefined, Infinity, "[object Object]" in text
// or attributes. `junkIn` is self-contained (no imports, no closures) so the e2e can serialise it into
// a page with `evaluate`; the unit tests call it on a happy-dom tree.

/**
 * Every place under `root` (shadow roots included) whose text or attribute holds a junk token. With
 * no root (as `page.evaluate(junkIn)` calls it) it reads the panel's host, or the page's body. No
 * inner named functions: a bundler's name helpers would not exist in the page.
 */
export function junkIn(root?: Node): string[] {
  const JUNK = /\bNaN\b|\bundefined\b|-?\bInfinity\b|\[object Object\]/;
  const found: string[] = [];
  const start = root ?? document.getElementById('perplens-root') ?? document.body;
  const stack: Node[] = [start];
  while (stack.length > 0) {
    const node = stack.pop() as Node;
    const el = node.nodeType === 1 ? (node as Element) : node.parentElement;
    const where = el ? `${el.tagName.toLowerCase()}${el.getAttribute('data-field') ? `[data-field=${el.getAttribute('data-field')}]` : ''}` : '(root)';
    if (node.nodeType === 3) {
      const text = node.textContent ?? '';
      if (JUNK.test(text)) found.push(`text "${text.trim().slice(0, 80)}" in ${where}`);
      continue;
    }
    if (node.nodeType === 1) {
      for (const attr of Array.from((node as Element).attributes)) {
        if (JUNK.test(attr.value)) found.push(`${where} @${attr.name}="${attr.value.slice(0, 80)}"`);
      }
      const shadow = (node as Element & { shadowRoot?: ShadowRoot | null }).shadowRoot;
      if (shadow) stack.push(...Array.from(shadow.childNodes));
    }
    stack.push(...Array.from(node.childNodes));
  }
  return found;
}

/** Paths of non-finite numbers anywhere in a value (a snapshot, a market state), for the unit tests. */
export function nonFiniteIn(value: unknown, path = '$', seen = new Set<unknown>()): string[] {
  if (typeof value === 'number') return Number.isFinite(value) ? [] : [`${path} = ${String(value)}`];
  if (!value || typeof value !== 'object' || seen.has(value)) return [];
  seen.add(value);
  const out: string[] = [];
  for (const [k, v] of Object.entries(value)) out.push(...nonFiniteIn(v, `${path}.${k}`, seen));
  return out;
}

/** What a snapshot shown to a trader must never hold, whatever a venue sent. */
export function snapshotProblems(s: {
  quote: { markPrice: number; indexPrice: number | null; lastPrice: number | null; openInterest: number | null };
  sparkline: { price: number[]; oi: number[] };
}): string[] {
  const out = nonFiniteIn(s);
  const q = s.quote;
  if (!(q.markPrice > 0)) out.push(`mark price ${q.markPrice}`);
  if (q.indexPrice !== null && !(q.indexPrice > 0)) out.push(`index price ${q.indexPrice}`);
  if (q.lastPrice !== null && !(q.lastPrice > 0)) out.push(`last price ${q.lastPrice}`);
  if (q.openInterest !== null && q.openInterest < 0) out.push(`open interest ${q.openInterest}`);
  for (const ref of [q.indexPrice, q.lastPrice]) {
    if (ref !== null && ref > 0 && (q.markPrice / ref > 2 || ref / q.markPrice > 2)) out.push(`mark ${q.markPrice} is more than 2× off ${ref}`);
  }
  if (s.sparkline.price.some((p) => !(p > 0))) out.push('a non-positive price in the sparkline');
  if (s.sparkline.oi.some((p) => p < 0)) out.push('a negative open interest in the sparkline');
  return out;
}
