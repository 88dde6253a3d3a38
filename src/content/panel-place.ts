import type { Mounted } from './mount';
import { defaultSpot, stillFree } from './placement';

/** The page may move its own controls under the panel (a late layout, a banner): looked at this often. */
const RECHECK_MS = 30_000;

export interface Placer {
  /** After every render: puts the panel where it belongs, writing styles only, never reading layout. */
  afterRender(): void;
  /** The window was resized: a dragged panel is kept inside it, a placed one looks for a spot again. */
  resized(): void;
  stop(): void;
}

/**
 * Where the panel is: where the trader dragged it (kept inside the window), else a spot that covers
 * none of the page's controls (placement.ts). The panel's size comes from a ResizeObserver, whose
 * callback runs after the browser's own layout: reading sizes and the page's controls at each draw
 * would force a layout of the whole page once more per draw (the mark ticks every second on a page
 * whose order book changes every frame). So the spot is looked for only when the size changes, the
 * window is resized, or at most every RECHECK_MS to see it is still free.
 */
export function createPlacer(m: Mounted, dragged: () => { x: number; y: number } | null): Placer {
  let size = { w: 0, h: 0 };
  let spot: { x: number; y: number } | null = null;
  let checkedAt = 0;
  let observed: Element | null = null;
  const panelOf = () => m.container.firstElementChild as HTMLElement | null;

  // What was last written, so a draw that changes nothing writes nothing: even an attribute or a
  // style set to the value it already has makes the browser restyle the panel.
  let written = '';
  const draw = () => {
    const panel = panelOf();
    if (!panel) return;
    const d = dragged();
    const x = d ? Math.min(Math.max(0, d.x), Math.max(0, window.innerWidth - size.w)) : null;
    const y = d ? Math.min(Math.max(0, d.y), Math.max(0, window.innerHeight - 32)) : null;
    const key = d ? `d${x},${y}` : spot ? `s${spot.x},${spot.y},${size.w}` : 'edge';
    if (key === written && panel === observed) return;
    written = key;
    if (d) {
      m.freePlacement();
      Object.assign(panel.style, { left: `${x}px`, top: `${y}px`, right: 'auto', bottom: 'auto' });
      return;
    }
    m.spotAt(spot ? spot.x : null, size.w);
    // Pinned by its top-left corner, which does not move with the window's height.
    Object.assign(panel.style, spot ? { left: '0px', right: 'auto', top: `${spot.y}px`, bottom: 'auto' } : { left: '', right: '', top: '', bottom: '' });
  };

  /** Looks for a spot for the panel at its current size (called where layout is already done). */
  const relocate = (force: boolean) => {
    if (dragged() || size.w === 0) return;
    checkedAt = Date.now();
    const fits = spot && spot.y + size.h <= window.innerHeight && spot.x + size.w <= window.innerWidth;
    if (!force && fits && spot && stillFree(document, m.host, { left: spot.x, top: spot.y, right: spot.x + size.w, bottom: spot.y + size.h })) return;
    spot = defaultSpot(document, m.host, size.w, size.h);
    draw();
  };

  // The body is a scroll container only when it holds more than fits (panel CSS: `.body` clips
  // unless the host says [data-scroll]): a scroller with nothing to scroll is revisited by each of
  // the page's frames (side by side, the panel without one read 0.98 of the panel with one, a noisy
  // figure). The panel's size changes when its content crosses the window's height either way, so
  // this observer sees each crossing.
  const overflowing = () => {
    const body = panelOf()?.querySelector('.body');
    m.scrolls(body ? body.scrollHeight > body.clientHeight + 1 : false);
  };
  // Observed from each render until the next layout has reported the size, then let go: an
  // observer left connected is checked in every frame the page draws (+0.2 ms/s at 60 Hz, traced),
  // and the panel's size changes only when it is rendered or the window is resized.
  const observer = new ResizeObserver((entries) => {
    observer.disconnect();
    const box = entries[entries.length - 1]?.borderBoxSize[0];
    if (!box) return;
    overflowing();
    const next = { w: box.inlineSize, h: box.blockSize };
    if (next.w === size.w && next.h === size.h) return;
    size = next;
    relocate(true);
  });

  return {
    afterRender() {
      const panel = panelOf();
      if (panel && panel !== observed) {
        written = '';
        observed = panel;
      }
      if (panel) observer.observe(panel);
      draw();
      if (Date.now() - checkedAt > RECHECK_MS) {
        checkedAt = Date.now();
        // Off the draw's own frame: the page's layout is read once it is idle.
        if (typeof window.requestIdleCallback === 'function') window.requestIdleCallback(() => relocate(false));
        else window.setTimeout(() => relocate(false), 200);
      }
    },
    resized() {
      relocate(true);
      draw();
      // The panel's height follows the window's (max-height): the body may now overflow, or no longer.
      const panel = panelOf();
      if (panel) observer.observe(panel);
    },
    stop() {
      observer.disconnect();
    },
  };
}
