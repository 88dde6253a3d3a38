import { mkdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { waitFor, withBrowser, type BrowserName, E2E_BROWSERS } from './browsers';
import { kForTouch, phi } from './hand-math';
import { NOT_A_NUMBER, probeMarket, probePositions, type PositionProbe } from './probes';
import { POSITION_FIELDS } from '../contract-fields';

// The compact card a trader reads in two seconds, on a Binance stand-in where the long's liquidation
// price is close (59,500.00 under a mark of 60,000.12: 0.83%) and funding is extreme (0.08% per 8 h,
// so longs are the crowded side): the danger escalation with the margin to add, the crowded badge,
// the pill's colours, every DOM-contract field present whether a section is shown or folded, and a
// card opened from the keyboard and remembered.

const ARTIFACTS = 'artifacts/e2e';
mkdirSync(ARTIFACTS, { recursive: true });

const HOST = 'www.binance.com';
const PATH = '/en/futures/BTCUSDT';
const MARK = 60_000.12;
const LIQ = 59_500;
const SIZE = 0.5;
/** Binance's first maintenance tier (tests/fake-exchange/binance.ts): the long's notional sits in it. */
const MAINTENANCE = 0.004;

const MARKET_FIELDS = ['mark-price', 'funding-rate', 'funding-interval-hours', 'funding-rate-8h', 'next-funding', 'price-change', 'oi-change'];

const num = (p: PositionProbe | undefined, field: string) => Number(p?.fields[field]?.value ?? NaN);
const long = (ps: PositionProbe[]) => ps.find((p) => p.side === 'long');
const bothOk = (ps: PositionProbe[]) => ps.length === 2 && ps.every((p) => p.state === 'ok');

function pillChips(): { cls: string; text: string }[] | null {
  const panel = document.getElementById('perplens-root')?.shadowRoot?.querySelector('.panel.collapsed');
  if (!panel) return null;
  return Array.from(panel.querySelectorAll('header .chip')).map((c) => ({ cls: c.getAttribute('class') ?? '', text: c.textContent ?? '' }));
}

function shown(): { dangerLine: string | null; inDanger: boolean; details: boolean[]; cardLabels: string[] } | null {
  const root = document.getElementById('perplens-root')?.shadowRoot;
  const panel = root?.querySelector('.panel');
  if (!root || !panel) return null;
  const cards = Array.from(root.querySelectorAll('[data-perplens-position]'));
  return {
    dangerLine: root.querySelector('.danger-line')?.textContent ?? null,
    inDanger: panel.classList.contains('in-danger'),
    details: cards.map((c) => {
      const d = c.querySelector('.details');
      return d !== null && getComputedStyle(d).display !== 'none';
    }),
    cardLabels: cards.map((c) => c.getAttribute('aria-label') ?? ''),
  };
}

/** The panel's body: whether the host lets it scroll, how it overflows, and where the panel ends. */
function scrollState() {
  const host = document.getElementById('perplens-root');
  const root = host?.shadowRoot;
  const body = root?.querySelector<HTMLElement>('.panel .body');
  const panel = root?.querySelector('.panel');
  if (!host || !body || !panel) return null;
  return {
    scroll: host.hasAttribute('data-scroll'),
    overflow: getComputedStyle(body).overflowY,
    scrollHeight: body.scrollHeight,
    clientHeight: body.clientHeight,
    scrollTop: body.scrollTop,
    panelBottom: panel.getBoundingClientRect().bottom,
    viewport: window.innerHeight,
  };
}

// Each clicks the first card toggle left to change (closed to open it, open to close it) and is true
// once none is left. One click a second at most: a toggle redraws only when the background answers,
// and a second click on the same card before that would fold it back. (Self-contained: they run in the page.)
function openNextCard(): boolean {
  const w = window as unknown as { __perplensClickedAt?: number };
  const next = document.getElementById('perplens-root')?.shadowRoot?.querySelector<HTMLElement>('[data-action="card"][aria-expanded="false"]');
  if (!next) return true;
  if (Date.now() - (w.__perplensClickedAt ?? 0) > 1_000) {
    w.__perplensClickedAt = Date.now();
    next.click();
  }
  return false;
}
function closeNextCard(): boolean {
  const w = window as unknown as { __perplensClickedAt?: number };
  const next = document.getElementById('perplens-root')?.shadowRoot?.querySelector<HTMLElement>('[data-action="card"][aria-expanded="true"]');
  if (!next) return true;
  if (Date.now() - (w.__perplensClickedAt ?? 0) > 1_000) {
    w.__perplensClickedAt = Date.now();
    next.click();
  }
  return false;
}

for (const name of E2E_BROWSERS) {
  describe(`the compact card in ${name}`, () => {
    const env = withBrowser(name);
    const inPanel = (selector: string) => (name === 'firefox' ? `pierce/${selector}` : selector);

    it('danger says so with the margin to add, the crowded side is a badge, every contract field is there, and the pill takes the colours', async () => {
      const btc = env.fake.markets.get('BTC');
      if (!btc) throw new Error('the fake has no BTC');
      btc.fundingRate8h = 0.0008;
      const html = readFileSync('tests/pages/binance/e2e-long-short.html', 'utf8').replace('56,300.50', '59,500.00');
      env.fake.setPage(HOST, PATH, html);
      const page = await env.browser.newPage();
      await page.setSize(1280, 720);
      await page.goto(`https://${HOST}${PATH}`);
      const ps = await waitFor(
        page,
        probePositions,
        'both positions ok with market data',
        (xs) => bothOk(xs) && xs.every((p) => p.fields.regime?.value !== ''),
        25_000,
      );

      // Worst first: the long in danger leads.
      const l = long(ps);
      expect(ps[0]?.side).toBe('long');
      expect(num(l, 'liq-distance')).toBeCloseTo((MARK - LIQ) / MARK, 12);
      const vol = num(l, 'daily-vol');
      const k = Math.log(MARK / LIQ) / vol;
      expect(num(l, 'liq-touch-24h') / (2 * phi(-k))).toBeCloseTo(1, 2);
      expect(2 * phi(-k)).toBeGreaterThanOrEqual(0.1);
      expect(l?.fields.band?.value).toBe('danger');
      expect(l?.band).toBe('danger');

      // The escalation: named, with the touch chance, and the margin that brings the long back to
      // caution (a 10% touch chance): LP* = P·e^(−k₁₀·σ), margin = Q·(1 − m)·(LP − LP*).
      const view = await waitFor(page, shown, 'the danger line', (v) => v.dangerLine !== null);
      expect(view.inDanger).toBe(true);
      expect(view.dangerLine).toMatch(
        /^⚠ Danger: \d+\.\d% chance to touch liq\. in 24 h\. Add ≈ [\d,]+\.\d\d USDT margin for caution, ≈ [\d,]+\.\d\d USDT for calm\.$/,
      );
      expect(view.cardLabels[0]).toMatch(
        /^Long BTCUSDT 20×: 0\.83% to liquidation \(danger\), \d+\.\d% chance to touch within 24 h, pays [\d,.]+ USDT a day in funding, on the crowded side \(longs\)$/,
      );
      const target = MARK * Math.exp(-kForTouch(0.1) * vol);
      expect(num(l, 'margin-to-caution') / (SIZE * (1 - MAINTENANCE) * (LIQ - target))).toBeCloseTo(1, 4);
      const calm = MARK * Math.exp(-kForTouch(0.01) * vol);
      expect(num(l, 'margin-to-calm') / (SIZE * (1 - MAINTENANCE) * (LIQ - calm))).toBeCloseTo(1, 4);

      // Extreme funding on the long's side: the long pays it and sits on the crowded side.
      expect(l?.fields['funding-stretch']?.value).toBe('extreme');
      expect(l?.fields['funding-stretch']?.text).toBe('funding extreme, you pay it');
      expect(l?.fields['crowded-side']?.value).toBe('longs');
      expect(l?.fields['crowded-side']?.text).toBe("You're on the crowded side");
      const short = ps.find((p) => p.side === 'short');
      expect(short?.fields['crowded-side']?.text).toBe('longs crowded');
      expect(short?.fields['funding-stretch']?.text).toBe('funding extreme, you receive it');

      // Every contract field, with a value or the reason in its title, though the details are folded.
      expect(view.details).toEqual([false, false]);
      for (const p of ps) {
        for (const f of POSITION_FIELDS) {
          const got = p.fields[f];
          expect(got, `${p.side} ${f}`).toBeDefined();
          expect(got?.value !== '' || (got?.title ?? '') !== '', `${p.side} ${f} has a value or a reason`).toBe(true);
        }
        expect(p.text).not.toMatch(NOT_A_NUMBER);
      }
      const market = await page.evaluate(probeMarket);
      for (const f of MARKET_FIELDS) expect(market?.fields[f], `market ${f}`).toBeDefined();
      // The header's mark is the page's.
      expect(market?.fields['mark-price']?.value).toBe(String(MARK));
      await page.screenshot(`${ARTIFACTS}/${name}-compact-danger.png`);

      // Collapsed: one chip per position, worst first, coloured by band, the crowded mark on the long's.
      await page.click(inPanel('[data-action="collapse"]'));
      const chips = await waitFor(page, pillChips, 'the pill', (c) => c.length === 2);
      expect(chips[0]).toEqual({ cls: 'chip tone-danger', text: 'BTCUSDT L 0.83% ⚑' });
      expect(chips[1]?.text).toMatch(/^BTCUSDT S \d+\.\d\d%$/);
      const folded = (await page.evaluate(probePositions)) ?? [];
      for (const p of folded) for (const f of POSITION_FIELDS) expect(p.fields[f], `collapsed ${p.side} ${f}`).toBeDefined();
      expect(num(long(folded), 'liq-distance')).toBeCloseTo((MARK - LIQ) / MARK, 12);
      await page.screenshot(`${ARTIFACTS}/${name}-pill.png`);
      await page.click(inPanel('[data-action="collapse"]'));
      await waitFor(page, pillChips, 'expanded again', () => true).catch(() => null);
      expect(page.errors()).toEqual([]);
      await page.close();
    });

    it('while the venue API hangs, the distance from the page shows at once, with one line for what is missing', async () => {
      // Bybit's ticker never answers (the client gives up after 10 s): the card must not wait for it.
      env.fake.setFault('api.bybit.com', '/v5/market/tickers', { kind: 'timeout' });
      try {
        const page = await env.browser.newPage();
        await page.goto('https://www.bybit.com/trade/usdt/BTCUSDT');
        const ps = await waitFor(
          page,
          probePositions,
          'distances while the ticker hangs',
          (xs) => xs.length === 2 && xs.every((p) => p.state === 'loading' && p.fields['liq-distance']?.value !== ''),
          8_000,
        );
        expect(num(long(ps), 'liq-distance')).toBeCloseTo((MARK - 56_300.5) / MARK, 12);
        // The funding and regime figures stay in the DOM, unknown with the reason, behind one short line.
        expect(long(ps)?.fields['funding-per-day']?.value).toBe('');
        expect(long(ps)?.fields['funding-per-day']?.title).toMatch(/loading/);
        // What the trader sees (innerText leaves out what is folded): the line, not rows of dashes.
        const seen = await page.evaluate(
          () =>
            (document.getElementById('perplens-root')?.shadowRoot?.querySelector('[data-perplens-position][data-side="long"]') as HTMLElement | null)
              ?.innerText ?? '',
        );
        expect(seen).toContain('Loading funding and regime…');
        expect(seen).not.toContain('—');
        await page.close();
      } finally {
        env.fake.setFault('api.bybit.com', '/v5/market/tickers', null);
      }
    });

    it('a card opens from the keyboard to every figure, and stays open on the next visit', async () => {
      const page = await env.browser.newPage();
      await page.setSize(1280, 720);
      await page.goto(`https://${HOST}${PATH}`);
      await waitFor(page, probePositions, 'both positions ok', bothOk, 25_000);
      await page.evaluate(() => {
        const b = document.getElementById('perplens-root')?.shadowRoot?.querySelector<HTMLElement>('[data-perplens-position] [data-action="card"]');
        b?.focus();
      });
      await page.press('Enter');
      const open = await waitFor(page, shown, 'the first card open', (v) => v.details[0] === true && v.details[1] === false, 10_000);
      expect(open.details).toEqual([true, false]);
      expect(
        await page.evaluate(
          () =>
            document
              .getElementById('perplens-root')
              ?.shadowRoot?.querySelector('[data-perplens-position] [data-action="card"]')
              ?.getAttribute('aria-expanded') ?? null,
        ),
      ).toBe('true');
      await page.screenshot(`${ARTIFACTS}/${name}-compact-expanded.png`);
      await page.goto(`https://${HOST}${PATH}`);
      const again = await waitFor(page, shown, 'the card open after a reload', (v) => v.details.length === 2 && v.details[0] === true, 25_000);
      expect(again.details).toEqual([true, false]);
      // Closed again with Space.
      await page.evaluate(() => {
        document.getElementById('perplens-root')?.shadowRoot?.querySelector<HTMLElement>('[data-perplens-position] [data-action="card"]')?.focus();
      });
      await page.press(' ');
      await waitFor(page, shown, 'the card closed', (v) => v.details[0] === false, 10_000);
      expect(page.errors()).toEqual([]);
      await page.close();
    });

    it('the body scrolls only when the panel holds more than the window: two opened cards in a short window', async () => {
      const page = await env.browser.newPage();
      await page.setSize(1280, 720);
      await page.goto(`https://${HOST}${PATH}`);
      await waitFor(page, probePositions, 'both positions ok', bothOk, 25_000);
      // Compact, the panel fits: its body clips (no scroller for the page's frames to revisit).
      const fits = await waitFor(page, scrollState, 'the compact panel', (v) => !v.scroll, 10_000);
      expect(fits.overflow).toBe('clip');
      expect(fits.scrollHeight).toBeLessThanOrEqual(fits.clientHeight + 1);
      await waitFor(page, openNextCard, 'every card open', (v) => v, 15_000);
      await page.setSize(1280, 420);
      const tall = await waitFor(page, scrollState, 'the body scrolling', (v) => v.scroll && v.overflow === 'auto', 10_000);
      expect(tall.scrollHeight).toBeGreaterThan(tall.clientHeight);
      expect(tall.panelBottom).toBeLessThanOrEqual(tall.viewport);
      // Every figure can be reached: the body scrolls to its end.
      await page.evaluate(() => {
        const body = document.getElementById('perplens-root')?.shadowRoot?.querySelector<HTMLElement>('.panel .body');
        if (body) body.scrollTop = body.scrollHeight;
      });
      const scrolled = await waitFor(page, scrollState, 'the body scrolled', (v) => v.scrollTop > 0, 5_000);
      expect(scrolled.scrollTop + scrolled.clientHeight).toBeGreaterThanOrEqual(scrolled.scrollHeight - 1);
      // Closed again in a tall window, the body clips once more.
      await page.setSize(1280, 900);
      await waitFor(page, closeNextCard, 'every card closed', (v) => v, 15_000);
      const back = await waitFor(page, scrollState, 'the body clipping again', (v) => !v.scroll, 10_000);
      expect(back.overflow).toBe('clip');
      expect(page.errors()).toEqual([]);
      await page.close();
    });
  });
}
