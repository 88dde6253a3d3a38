/**
 * Watches one venue page cheaply (pages.md, "Watching a heavy single-page app"): a slow poll finds
 * the anchor (one querySelector-level scan a second, only while the tab is visible); once found, a
 * MutationObserver on the anchor alone reports changes, coalesced to one callback per animation
 * frame — which browsers do not run in hidden tabs. When the page's app replaces the anchor, the
 * poll notices it is detached and finds the new one. Reads are at least `coalesceMs` apart: a table
 * whose mark ticks at 60 Hz costs ten reads a second, not sixty.
 */
/** The coalescing window: a change in the table reaches the panel within this plus one frame. */
export const COALESCE_MS = 100;

export interface AnchorWatch {
  stop(): void;
  /** Ask for a read on the next frame (e.g. when market data arrived). */
  poke(): void;
}

export function watchAnchor(opts: {
  find: () => Element | null;
  /** `layoutEpoch` moves on whenever an element under the anchor is added, removed, hidden or shown, or the anchor changes (ReadContext.layoutEpoch). */
  onRead: (anchor: Element | null, layoutEpoch: number) => void;
  pollMs?: number;
  coalesceMs?: number;
}): AnchorWatch {
  let anchor: Element | null = null;
  let observer: MutationObserver | null = null;
  let frame = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let lastRead = -Infinity;
  let stopped = false;
  let epoch = 0;
  const gap = opts.coalesceMs ?? COALESCE_MS;

  const run = () => {
    frame = 0;
    lastRead = performance.now();
    if (stopped) return;
    // A read asked for (poke) before the slow poll found the anchor, or after the app replaced it:
    // look now rather than report "no table" from a stale or missing anchor.
    if (!anchor?.isConnected) {
      const found = opts.find();
      if (found) observe(found);
    }
    opts.onRead(anchor, epoch);
  };
  const schedule = () => {
    if (frame || timer !== undefined || stopped) return;
    const wait = lastRead + gap - performance.now();
    if (wait <= 0) frame = requestAnimationFrame(run);
    else
      timer = setTimeout(() => {
        timer = undefined;
        if (!stopped && !frame) frame = requestAnimationFrame(run);
      }, wait);
  };

  const changed = (records: MutationRecord[]) => {
    if (records.some(changesLayout)) epoch++;
    schedule();
  };
  function observe(el: Element): void {
    observer?.disconnect();
    anchor = el;
    epoch++;
    observer = new MutationObserver(changed);
    observer.observe(el, { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ['data-side', 'title', 'style', 'aria-hidden', 'hidden'] });
  }
  const attach = (el: Element) => {
    observe(el);
    schedule();
  };

  const check = () => {
    if (stopped || document.hidden) return;
    if (anchor && anchor.isConnected) return;
    const found = opts.find();
    if (found) attach(found);
    else if (anchor) {
      observer?.disconnect();
      observer = null;
      anchor = null;
      epoch++;
      schedule();
    }
  };

  const poll = setInterval(check, opts.pollMs ?? 1000);
  check();
  if (!anchor) schedule();
  return {
    stop() {
      stopped = true;
      clearInterval(poll);
      clearTimeout(timer);
      observer?.disconnect();
      if (frame) cancelAnimationFrame(frame);
    },
    poke: schedule,
  };
}

/**
 * Text written into existing elements (a price ticking, React swapping a text node) leaves the
 * layout as it was; an element coming or going, or one hidden or shown, does not. `title` and
 * `data-side` carry values, not layout.
 */
export function changesLayout(r: MutationRecord): boolean {
  if (r.type === 'attributes') return r.attributeName !== 'title' && r.attributeName !== 'data-side';
  if (r.type !== 'childList') return false;
  for (const n of Array.from(r.addedNodes)) if (n.nodeType === 1) return true;
  for (const n of Array.from(r.removedNodes)) if (n.nodeType === 1) return true;
  return false;
}
