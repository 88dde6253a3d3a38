/**
 * Watches one venue page cheaply (docs/reading-pages.md, "Watching a heavy page cheaply"): a slow poll finds
 * the anchor (one querySelector-level scan a second, only while the tab is visible, driven by the
 * caller's own timer: every timer task of a content script costs the page ~0.1 ms); once found, a
 * MutationObserver on the anchor alone reports changes. When the page's app replaces the anchor,
 * the poll notices it is detached and finds the new one. Reads are at least `coalesceMs` apart: a
 * table whose mark ticks at 60 Hz costs ten reads a second, not sixty. A change outside the window
 * is read in the observer's own callback — the page's update is complete by then, and every extra
 * callback (a timer, a frame) costs the page as much as a small read. Nothing runs while the tab
 * is hidden: the observer is disconnected (a trading app keeps rewriting its tables in a background
 * tab), and the anchor is observed and read afresh when the tab is shown.
 */
/** The coalescing window: a change in the table reaches the panel within this (plus a frame to paint). */
export const COALESCE_MS = 100;

// Layout epochs are unique across watchers: the readers' memos are keyed by element, and an anchor
// can outlive one watch (a route change in the page's app) while its layout changes.
let lastEpoch = 0;

export interface AnchorWatch {
  stop(): void;
  /** Ask for a read soon, never from within the caller (e.g. when market data arrived). */
  poke(): void;
  /** The slow poll: call about once a second. Finds the anchor, or notices it was replaced. */
  poll(): void;
}

export function watchAnchor(opts: {
  find: () => Element | null;
  /** `layoutEpoch` moves on whenever an element under the anchor is added, removed, hidden or shown, or the anchor changes (ReadContext.layoutEpoch). */
  onRead: (anchor: Element | null, layoutEpoch: number) => void;
  coalesceMs?: number;
}): AnchorWatch {
  let anchor: Element | null = null;
  let observer: MutationObserver | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let lastRead = -Infinity;
  let stopped = false;
  let epoch = ++lastEpoch;
  const gap = opts.coalesceMs ?? COALESCE_MS;

  const run = () => {
    if (stopped || document.hidden) return;
    lastRead = performance.now();
    // A read asked for (poke) before the slow poll found the anchor, or after the app replaced it:
    // look now rather than report "no table" from a stale or missing anchor.
    if (!anchor?.isConnected) {
      const found = opts.find();
      if (found) observe(found);
    }
    opts.onRead(anchor, epoch);
  };
  const wait = () => lastRead + gap - performance.now();
  const later = () => {
    if (timer !== undefined || stopped) return;
    timer = setTimeout(
      () => {
        timer = undefined;
        run();
      },
      Math.max(0, wait()),
    );
  };

  const changed = (records: MutationRecord[]) => {
    if (records.some(changesLayout)) epoch = ++lastEpoch;
    if (timer !== undefined || stopped) return;
    if (wait() <= 0) run();
    else later();
  };
  const visibility = () => {
    if (stopped) return;
    if (document.hidden) {
      observer?.disconnect();
      clearTimeout(timer);
      timer = undefined;
      return;
    }
    // What changed while nobody watched is unknown: a new epoch, and one read.
    if (anchor?.isConnected) observe(anchor);
    later();
  };
  document.addEventListener('visibilitychange', visibility);
  function observe(el: Element): void {
    observer?.disconnect();
    anchor = el;
    epoch = ++lastEpoch;
    observer = new MutationObserver(changed);
    observer.observe(el, {
      childList: true,
      subtree: true,
      characterData: true,
      attributes: true,
      attributeFilter: ['data-side', 'title', 'style', 'aria-hidden', 'hidden'],
    });
  }
  const attach = (el: Element) => {
    observe(el);
    later();
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
      epoch = ++lastEpoch;
      later();
    }
  };

  check();
  if (!anchor) later();
  return {
    stop() {
      stopped = true;
      clearTimeout(timer);
      observer?.disconnect();
      document.removeEventListener('visibilitychange', visibility);
    },
    poke: later,
    poll: check,
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
  return hasElement(r.addedNodes) || hasElement(r.removedNodes);
}

function hasElement(nodes: NodeList): boolean {
  for (let i = 0; i < nodes.length; i++) if (nodes[i]?.nodeType === 1) return true;
  return false;
}
