// Where the panel goes when the trader has not dragged it: a spot that covers nothing they click.
// Exchanges keep the order form, the order book's price buttons and the positions table's Close
// buttons on screen; the chart is the one large area without controls of the page's own (its
// toolbars live inside the chart's frame, at its top and left edges). So the search starts at the
// chart's lower-left corner, inside those toolbars and above the time axis, and walks up and right
// until the panel's rectangle meets no control; without a chart it walks the whole window.

export interface Rect {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** Anything a trader clicks or types into, and the containers of an order form. */
export const CONTROLS =
  'a[href],button,input,select,textarea,label,summary,form,[role=button],[role=tab],[role=link],[role=checkbox],[role=radio],' +
  '[role=switch],[role=slider],[role=combobox],[role=menuitem],[role=textbox],[contenteditable=""],[contenteditable=true],' +
  '[class*=orderform i],[class*=order-form i],[class*=place-order i],[class*=trade-form i],[id*=orderform i],[id*=order-form i]';

const CHARTS = '[id*=chart i],[class*=chart i],iframe,canvas';
/** TradingView's drawing toolbar on the left and time axis at the bottom, kept clear. */
const CHART_INSET = { left: 56, bottom: 40 };
const STEP = 16;
/** Space kept between the panel and any control. */
const GAP = 4;

const overlaps = (a: Rect, b: Rect) => a.left < b.right + GAP && b.left < a.right + GAP && a.top < b.bottom + GAP && b.top < a.bottom + GAP;

/** The on-screen rectangles of the page's controls (the panel's own host excluded). */
export function controlRects(doc: Document, host: Element): Rect[] {
  const out: Rect[] = [];
  const vw = doc.documentElement.clientWidth;
  const vh = doc.documentElement.clientHeight;
  for (const el of doc.querySelectorAll(CONTROLS)) {
    if (el === host) continue;
    const r = el.getBoundingClientRect();
    if (r.width <= 0 || r.height <= 0 || r.right <= 0 || r.bottom <= 0 || r.left >= vw || r.top >= vh) continue;
    out.push({ left: r.left, top: r.top, right: r.right, bottom: r.bottom });
  }
  return out;
}

/** The largest chart on screen (at least 320 × 200 px visible), or null. */
export function chartRect(doc: Document): Rect | null {
  const vw = doc.documentElement.clientWidth;
  const vh = doc.documentElement.clientHeight;
  let best: Rect | null = null;
  let bestArea = 320 * 200;
  for (const el of doc.querySelectorAll(CHARTS)) {
    const r = el.getBoundingClientRect();
    const v = { left: Math.max(0, r.left), top: Math.max(0, r.top), right: Math.min(vw, r.right), bottom: Math.min(vh, r.bottom) };
    const area = Math.max(0, v.right - v.left) * Math.max(0, v.bottom - v.top);
    if (area > bestArea) {
      best = v;
      bestArea = area;
    }
  }
  return best;
}

/**
 * The top-left corner of a `w` × `h` rectangle inside `area` that meets none of `controls`,
 * searched from the area's lower-left corner upward, then rightward; null when there is none.
 */
export function freeSpot(area: Rect, w: number, h: number, controls: readonly Rect[]): { x: number; y: number } | null {
  for (let x = area.left; x + w <= area.right; x += STEP) {
    // Only the controls in this column can block a spot in it.
    const column = controls.filter((c) => c.left < x + w + GAP && x < c.right + GAP);
    for (let y = area.bottom - h; y >= area.top; y -= STEP) {
      const r = { left: x, top: y, right: x + w, bottom: y + h };
      if (!column.some((c) => overlaps(r, c))) return { x, y };
    }
  }
  return null;
}

/** Where a `w` × `h` panel goes on this page: over the chart if it has room, else anywhere free, else null. */
export function defaultSpot(doc: Document, host: Element, w: number, h: number): { x: number; y: number } | null {
  const controls = controlRects(doc, host);
  const vw = doc.documentElement.clientWidth;
  const vh = doc.documentElement.clientHeight;
  const chart = chartRect(doc);
  const inChart = chart && freeSpot({ ...chart, left: chart.left + CHART_INSET.left, bottom: chart.bottom - CHART_INSET.bottom }, w, h, controls);
  return inChart || freeSpot({ left: 8, top: 8, right: vw - 8, bottom: vh - 8 }, w, h, controls);
}

/** True when the panel at `r` still covers no control (the page may have moved its own since). */
export function stillFree(doc: Document, host: Element, r: Rect): boolean {
  return !controlRects(doc, host).some((c) => overlaps(r, c));
}
