import { readFileSync } from 'node:fs';

const FIXTURE = new URL('../tests/pages/binance/e2e-long-short.html', import.meta.url);

export interface HeavyPageOptions {
  /** Position rows: the fixture's long and short, repeated (`copies` × 2 rows). 0 = none until __insertRows(). */
  copies: number;
  /** How often the positions' mark price ticks, per second (0 = only when the bench sets it). */
  markHz: number;
  /** Only the long's row of each copy: one position instead of two. */
  longOnly?: boolean;
}

// The page's own script: an order book whose prices tick every frame (5 nodes per frame, 300 per
// second at 60 Hz), the positions' mark ticking at `markHz`, and hooks the benchmark drives.
const SCRIPT = (o: HeavyPageOptions) => `
(() => {
  const form = document.querySelector('.orderform');
  const book = document.createElement('div');
  book.id = 'order-book';
  const cells = [];
  for (let i = 0; i < 40; i++) {
    const row = document.createElement('div');
    for (let j = 0; j < 3; j++) { const s = document.createElement('span'); s.textContent = '0'; row.appendChild(s); cells.push(s); }
    book.appendChild(row);
  }
  form.appendChild(book);
  let k = 0;
  const frame = () => {
    for (let i = 0; i < 5; i++) cells[k++ % cells.length].textContent = (60000 + Math.random() * 100).toFixed(2);
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);

  const tbody = document.querySelector('tbody.bn-web-table-tbody');
  const templates = [...tbody.querySelectorAll('tr[data-row-key]')].filter((t) => !${o.longOnly === true} || /LONG$/.test(t.getAttribute('data-row-key') || ''));
  const fill = (copies) => {
    for (const t of [...tbody.querySelectorAll('tr[data-row-key]')]) t.remove();
    for (let c = 0; c < copies; c++) for (const t of templates) tbody.appendChild(t.cloneNode(true));
  };
  fill(${o.copies});
  const fmt = (v) => v.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const marks = () => tbody.querySelectorAll('tr[data-row-key] td[aria-colindex="5"] > div');
  const bench = (window.__bench = { latencies: [], pending: null, complete: null });
  window.__insertRows = (copies) => { bench.complete = { t0: performance.now(), t1: null }; fill(copies); };
  window.__setMark = (v) => { for (const el of marks()) el.textContent = fmt(v); bench.pending = { t0: performance.now(), v }; };
  if (${o.markHz} > 0) {
    let m = 60000.12;
    setInterval(() => {
      m = Math.round(Math.min(60600, Math.max(59400, m + (Math.random() - 0.5) * 40)) * 100) / 100;
      for (const el of marks()) el.textContent = fmt(m);
    }, ${1000 / Math.max(o.markHz, 1)});
  }
  // Only when asked: watching the panel is the benchmark's cost, not the page's.
  window.__watchPanel = () => {
    const root = document.getElementById('perplens-root')?.shadowRoot;
    if (!root) return false;
    new MutationObserver(() => {
      const now = performance.now();
      const p = bench.pending;
      const long = root.querySelector('[data-perplens-position][data-side="long"]');
      if (p && long && Number(long.querySelector('[data-field="mark-price"]')?.getAttribute('data-value')) === p.v &&
          long.querySelector('[data-field="liq-distance"]')?.getAttribute('data-value')) {
        bench.latencies.push(now - p.t0);
        bench.pending = null;
      }
      const c = bench.complete;
      if (c && c.t1 === null) {
        const cards = [...root.querySelectorAll('[data-perplens-position]')];
        const done = cards.length > 0 && cards.every((el) => el.getAttribute('data-state') === 'ok' &&
          el.querySelector('[data-field="liq-distance"]')?.getAttribute('data-value') &&
          el.querySelector('[data-field="regime"]')?.getAttribute('data-value'));
        if (done) c.t1 = now;
      }
    }).observe(root, { subtree: true, childList: true, attributes: true, characterData: true });
    return true;
  };
})();
`;

/** The Binance futures fixture page with a live order book, for the benchmarks. */
export function heavyPage(o: HeavyPageOptions): string {
  const html = readFileSync(FIXTURE, 'utf8');
  return html.replace('</body>', `<script>${SCRIPT(o)}</script>\n</body>`);
}
