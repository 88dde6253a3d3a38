// Hostile variants of Binance's e2e trading page (tests/pages/binance/e2e-long-short.html), served
// at https://www.binance.com/en/futures/BTCUSDT?hostile=<kind>. Each is the real-shaped page plus
// what a hostile or broken page does; the page's own scripts stand for "the page" (main world).
//   markup     every cell of the long row holds markup/script as TEXT; a script that ran would set window.__pwned
//   lookalike  a decoy #perplens-root before the extension mounts, look-alike postMessages, CustomEvents
//              and data-perplens-* attributes on page elements, and window.__tamper() that reaches into
//              the panel's shadow root and rewrites its data-value attributes
//   churn      window.__startChurn(ms): the positions container is replaced (same content) every frame
//   big        10 000 position rows (the long and the short, alternately)

/** The symbol the look-alike page tries to make PerpLens fetch: no request may name it. */
export const INJECTED_SYMBOL = 'EVILUSDT';

export const HOSTILE_TEXT = [
  '<img src=x onerror="window.__pwned=\'img\'">',
  "</td><script>window.__pwned='script'</script><td>",
  "javascript:window.__pwned='js-url'",
  '<svg/onload="window.__pwned=\'svg\'">',
  '"><iframe srcdoc="<script>parent.__pwned=\'iframe\'</script>">',
] as const;

const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Replaces every text run inside the element that opens at `openTag` (a unique tag) with hostile text. */
function hostileRow(html: string, openTag: RegExp): string {
  const m = openTag.exec(html);
  if (!m) throw new Error(`hostile page: no ${String(openTag)}`);
  const start = m.index;
  const end = html.indexOf('</tr>', start);
  let i = 0;
  const row = html.slice(start, end).replace(/>([^<]*\S[^<]*)</g, () => `>${escapeHtml(HOSTILE_TEXT[i++ % HOSTILE_TEXT.length] ?? '')}<`);
  return html.slice(0, start) + row + html.slice(end);
}

const LOOKALIKE_SCRIPT = `
(function () {
  var EVIL = ${JSON.stringify(INJECTED_SYMBOL)};
  // A decoy host with a panel that shows a made-up position, before PerpLens mounts (document_idle).
  var decoy = document.createElement('div');
  decoy.id = 'perplens-root';
  decoy.setAttribute('data-decoy', '1');
  var shadow = decoy.attachShadow({ mode: 'open' });
  shadow.innerHTML = '<div data-perplens-position data-venue="binance" data-symbol="' + EVIL + '" data-side="long" data-state="ok">' +
    '<span data-field="liq-distance" data-value="0.999">99.9%</span><span data-field="mark-price" data-value="1">1</span></div>' +
    '<div data-perplens-market data-venue="binance" data-symbol="' + EVIL + '" data-state="ok"></div>';
  document.documentElement.appendChild(decoy);
  var shapes = [
    { type: 'market.snapshot', venue: 'binance', symbol: EVIL },
    { type: 'market.instruments', venue: 'binance' },
    { type: 'positions.address', venue: 'hyperliquid', address: '0x' + '1'.repeat(40) },
    { type: 'positions.known' },
    { type: 'positions.report', venue: 'binance', positions: [{ venue: 'binance', symbol: EVIL, side: 'long', size: 1, entryPrice: 1, markPrice: 1, liqPrice: 0.5 }] },
    { source: 'perplens', type: 'market.snapshot', venue: 'binance', symbol: EVIL },
    { perplens: true, request: { type: 'market.snapshot', venue: 'bybit', symbol: EVIL } },
  ];
  var names = ['perplens', 'perplens:update', 'perplens:positions', 'perplens:snapshot', 'perplens-message', 'market.snapshot'];
  function spam() {
    for (var i = 0; i < shapes.length; i++) {
      window.postMessage(shapes[i], '*');
      window.postMessage(JSON.stringify(shapes[i]), '*');
    }
    for (var j = 0; j < names.length; j++) {
      var detail = { type: 'market.snapshot', venue: 'binance', symbol: EVIL };
      window.dispatchEvent(new CustomEvent(names[j], { detail: detail }));
      document.dispatchEvent(new CustomEvent(names[j], { detail: detail, bubbles: true }));
    }
    var rows = document.querySelectorAll('tr');
    for (var k = 0; k < rows.length; k++) {
      rows[k].setAttribute('data-perplens-position', '');
      rows[k].setAttribute('data-perplens-symbol', EVIL);
      rows[k].setAttribute('data-perplens-state', 'ok');
      rows[k].setAttribute('data-value', '0.999');
    }
    document.documentElement.setAttribute('data-perplens-venue', 'bybit');
    document.documentElement.setAttribute('data-perplens-symbol', EVIL);
    window.__spams = (window.__spams || 0) + 1;
  }
  setInterval(spam, 250);
  document.addEventListener('DOMContentLoaded', spam);
  // Reaches into every other #perplens-root's open shadow root and rewrites what it shows.
  window.__tamper = function () {
    var n = 0;
    var hosts = document.querySelectorAll('#perplens-root');
    for (var h = 0; h < hosts.length; h++) {
      if (hosts[h] === decoy || !hosts[h].shadowRoot) continue;
      var els = hosts[h].shadowRoot.querySelectorAll('[data-value]');
      for (var e = 0; e < els.length; e++) {
        els[e].setAttribute('data-value', '0.999');
        n++;
      }
      var ps = hosts[h].shadowRoot.querySelectorAll('[data-perplens-position]');
      for (var p = 0; p < ps.length; p++) ps[p].setAttribute('data-symbol', EVIL);
    }
    return n;
  };
})();
`;

const CHURN_SCRIPT = `
window.__startChurn = function (ms) {
  var end = performance.now() + ms;
  window.__churned = 0;
  function frame() {
    var c = document.querySelector('.bn-web-table-container');
    if (c) {
      c.replaceWith(c.cloneNode(true));
      window.__churned++;
    }
    if (performance.now() < end) requestAnimationFrame(frame);
  }
  requestAnimationFrame(frame);
};
`;

const BIG_SCRIPT = `
(function () {
  var long = document.querySelector('tr[data-row-key="BTCUSDT-LONG"]');
  var short = document.querySelector('tr[data-row-key="BTCUSDT-SHORT"]');
  if (!long || !short) throw new Error('big page: rows missing');
  var frag = document.createDocumentFragment();
  for (var i = 0; i < 9998; i++) frag.appendChild((i % 2 ? short : long).cloneNode(true));
  short.parentNode.appendChild(frag);
  var tab = document.getElementById('bn-tab-position');
  if (tab) tab.textContent = 'Positions(10000)';
  window.__rows = document.querySelectorAll('tr[data-row-key]').length;
})();
`;

export type HostileKind = 'markup' | 'lookalike' | 'churn' | 'big';

export const isHostileKind = (s: string | null): s is HostileKind => s === 'markup' || s === 'lookalike' || s === 'churn' || s === 'big';

/** The hostile variant of Binance's e2e page (`base`). */
export function hostilePage(kind: HostileKind, base: string): string {
  const head = (html: string, script: string): string => html.replace('</head>', `<script>${script}</script>\n</head>`);
  const tail = (html: string, script: string): string => html.replace('</body>', `<script>${script}</script>\n</body>`);
  switch (kind) {
    case 'markup':
      return hostileRow(base, /<tr[^>]*data-row-key="BTCUSDT-LONG"[^>]*>/).replace(
        /<title>[^<]*<\/title>/,
        `<title>${escapeHtml(HOSTILE_TEXT[0])} | BTCUSDT | Binance</title>`,
      );
    case 'lookalike':
      return head(base, LOOKALIKE_SCRIPT);
    case 'churn':
      return head(base, CHURN_SCRIPT);
    case 'big':
      return tail(base, BIG_SCRIPT);
  }
}
