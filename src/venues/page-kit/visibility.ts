// Rows a reader must skip: virtual-list measure rows, aria-hidden duplicates (OKX renders a hidden
// copy of fixed columns), and rows hidden by attribute or inline style. Computed style is not used:
// it forces layout on heavy pages, and the venues hide rows with these markers.
export function isHiddenElement(el: Element): boolean {
  if (el.getAttribute('aria-hidden') === 'true' || el.hasAttribute('hidden')) return true;
  const style = el.getAttribute('style') ?? '';
  if (/(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)/i.test(style)) return true;
  const cls = el.getAttribute('class') ?? '';
  return /(?:^|[\s_-])measure(?:-row)?(?:$|[\s_-])/i.test(cls);
}

/** True when the element or an ancestor up to `stop` is hidden. */
export function isHiddenWithin(el: Element, stop: Element): boolean {
  for (let n: Element | null = el; n && n !== stop; n = n.parentElement) if (isHiddenElement(n)) return true;
  return false;
}
