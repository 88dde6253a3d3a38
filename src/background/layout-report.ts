/**
 * "Copy a layout report": when a page cannot be read, the trader can hand a bug report the SHAPE of
 * the page: tags, roles, class names, the header captions, and the shape of every other text
 * (`#,###.## USDT`): never a value, an address or an account name.
 *
 * `layoutSkeleton` runs in the trading page, injected on the trader's click by
 * `scripting.executeScript({ func })`: the page's own script carries none of it. The browser sends
 * the function's source, so it must use nothing from outside its own body.
 */
export { LAYOUT_REPORT_KEY } from '../protocol/layout-report-key';

export function layoutSkeleton(): string {
  const MAX_NODES = 1500;
  const MAX_DEPTH = 16;
  // Units and words that say what a column holds, never whose it is: kept as they are.
  const KEEP = new Set(['USDT', 'USDC', 'USD', 'BUSD', 'USDE', 'LONG', 'SHORT', 'BUY', 'SELL', 'CROSS', 'ISOLATED', 'X', 'PERP', 'PERPETUAL', 'SWAP']);
  const shape = (text: string): string =>
    text
      .replace(/[\p{L}][\p{L}\p{M}]*/gu, (word) =>
        KEEP.has(word.toUpperCase()) ? word : word.replace(/\p{Lu}/gu, 'A').replace(/[\p{Ll}\p{Lo}\p{Lm}\p{Lt}\p{M}]/gu, 'a'),
      )
      .replace(/\p{N}/gu, '#')
      .slice(0, 48);
  // A header caption names a column: kept when it is short and holds no digit and no address-like run.
  const caption = (text: string): string => (text.length <= 40 && !/\p{N}|@|0x/iu.test(text) ? text : shape(text));
  const isHeader = (el: Element): boolean => el.tagName === 'TH' || el.getAttribute('role') === 'columnheader';
  const lines: string[] = [];
  let nodes = 0;
  const walk = (el: Element, depth: number, inHeader: boolean): void => {
    if (nodes >= MAX_NODES || el.id === 'perplens-root') return;
    nodes++;
    const tag = el.tagName.toLowerCase();
    const role = el.getAttribute('role');
    const classes = Array.from(el.classList)
      .slice(0, 3)
      .map((c) => c.slice(0, 32));
    const hidden = el.hasAttribute('hidden') || el.getAttribute('aria-hidden') === 'true' ? ' (hidden)' : '';
    const header = inHeader || isHeader(el);
    let text = '';
    for (let n = el.firstChild; n; n = n.nextSibling) if (n.nodeType === 3) text += n.nodeValue ?? '';
    text = text.replace(/\s+/g, ' ').trim();
    const said = text ? ` "${header ? caption(text) : shape(text)}"` : '';
    lines.push(`${'  '.repeat(depth)}${tag}${role ? `[role=${role}]` : ''}${classes.length ? `.${classes.join('.')}` : ''}${hidden}${said}`);
    if (tag === 'svg' || tag === 'script' || tag === 'style' || tag === 'noscript' || tag === 'template') return;
    if (depth >= MAX_DEPTH) {
      if (el.childElementCount > 0) lines.push(`${'  '.repeat(depth + 1)}… ${el.childElementCount} more levels cut`);
      return;
    }
    for (const child of Array.from(el.children)) walk(child, depth + 1, header);
  };
  // Where a positions table would be: around the captions such a table carries (a few levels up
  // from each), else the page's tables, else the whole body PerpLens looked through.
  const CAPTION =
    /^(?:positions?(?:\s*\(\d+\))?|size|amount|qty|entry(?: price)?|avg\.? entry|mark(?: price)?|liq(?:\.|uidation)?(?: price)?|margin|u?pnl|unrealized pnl)$/i;
  const near: Element[] = [];
  for (const el of Array.from(document.body?.querySelectorAll('*') ?? [])) {
    if (near.length >= 3) break;
    const own = Array.from(el.childNodes)
      .filter((n) => n.nodeType === 3)
      .map((n) => n.nodeValue ?? '')
      .join('')
      .trim();
    if (!CAPTION.test(own)) continue;
    let up: Element = el;
    for (let i = 0; i < 5 && up.parentElement && up.parentElement !== document.body; i++) up = up.parentElement;
    if (!near.some((r) => r.contains(up))) near.push(up);
  }
  const tables = Array.from(document.querySelectorAll('table, [role="table"], [role="grid"], [role="treegrid"]'));
  const top = near.length > 0 ? near : tables.length > 0 && tables.length <= 8 ? tables : [document.body];
  for (const root of top) if (root) walk(root, 0, false);
  if (nodes >= MAX_NODES) lines.push(`… cut at ${MAX_NODES} elements`);
  return [
    `PerpLens layout report · ${location.hostname}${location.pathname.replace(/\d/g, '#')} · ${document.documentElement.lang || 'no lang'}`,
    ...lines,
  ].join('\n');
}
