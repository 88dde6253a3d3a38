import { mkdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { liquidationZones, positionZones, ZONE_MODEL } from '../../src/core/liq-zones';
import type { Side } from '../../src/core/types';
import type { FakeAsset } from '../fake-exchange/market-state';
import { waitFor, withBrowser, type BrowserName, E2E_BROWSERS } from './browsers';
import { NOT_A_NUMBER, probeMarket, probePositions, type FieldProbe, type MarketProbe, type PositionProbe } from './probes';
import { MARKET_ZONE_FIELDS } from '../contract-fields';

// The modelled liquidation zones in the real extension, in both browsers, against the stand-in
// exchange: it serves 7 days of 15-minute bars made by a population of traders whose liquidation
// levels are known (tests/zones/population.ts). Each venue's market row and position cards carry the
// zone fields; the figures are the model's on the bars the venue served, with the maintenance rate
// and maximum leverage the hover states; and the zones lie where the population's true liquidations are.

const ARTIFACTS = 'artifacts/e2e';
mkdirSync(ARTIFACTS, { recursive: true });

/** `taker`: the venue publishes a taker split; without one the model splits new notional 50/50. */
const PAGES = [
  { venue: 'binance', url: 'https://www.binance.com/en/futures/BTCUSDT', asset: 'BTC', taker: true },
  { venue: 'bybit', url: 'https://www.bybit.com/trade/usdt/BTCUSDT', asset: 'BTC', taker: false },
  { venue: 'okx', url: 'https://www.okx.com/trade-swap/btc-usdt-swap', asset: 'BTC', taker: true },
  { venue: 'dydx', url: 'https://dydx.trade/trade/BTC-USD', asset: 'BTC', taker: false },
] as const;

const POSITION_ZONE_FIELDS = ['zone-nearest-price', 'zone-nearest-distance', 'zone-between-share', 'liq-zone-relation', 'zone-model'];

/** The maintenance rate and maximum leverage the zone hover says the model ran with. */
function statedInputs(title: string | null): { m: number; maxLeverage: number } {
  const m = /maintenance ([\d.]+)% \(first tier\)/.exec(title ?? '')?.[1];
  const lev = /at most (\d+)×/.exec(title ?? '')?.[1];
  if (!m || !lev) throw new Error(`the zone hover does not state its inputs: ${title}`);
  return { m: Number(m) / 100, maxLeverage: Number(lev) };
}

/**
 * The nearest zone of a side as the model puts it on the stand-in's bars: the venue's 7-day window
 * may start a bar or two into the served history, so each such start is a candidate.
 */
function candidates(a: FakeAsset, side: Side, m: number, maxLeverage: number, taker: boolean): string[] {
  const bars = taker ? a.quarters : a.quarters.map((b) => ({ ...b, takerBuy: null }));
  return [0, 1, 2, 3].map((k) => {
    const map = liquidationZones({ bars: bars.slice(k), mark: a.markPrice, maxLeverage, maintenanceRate: m });
    const near = positionZones(map, side, null).nearest;
    return near ? String(near.price) : 'none';
  });
}

const zoneReady = (p: MarketProbe) => MARKET_ZONE_FIELDS.every((f) => /^\d/.test(p.fields[f]?.value ?? ''));
const value = (f: FieldProbe | undefined) => Number(f?.value ?? NaN);

for (const name of E2E_BROWSERS) {
  describe(`liquidation zones in ${name}`, () => {
    const env = withBrowser(name);

    for (const v of PAGES) {
      it(`${v.venue}: the market row and each position carry the model's zones, where the crowd's liquidations are`, async () => {
        const a = env.fake.markets.get(v.asset);
        if (!a) throw new Error('fake asset missing');
        const page = await env.browser.newPage();
        await page.goto(v.url);
        const market = await waitFor(page, probeMarket, `${v.venue} zone fields known`, zoneReady, 60_000);
        const { m, maxLeverage } = statedInputs(market.fields['zone-long-nearest']?.title ?? null);
        expect(market.fields['zone-long-nearest']?.title).toMatch(
          new RegExp(`Modelled \\(${ZONE_MODEL.id}\\), an estimate, not a fact: \\d+ bars of 15 minutes`),
        );
        for (const side of ['long', 'short'] as const) {
          const shown = market.fields[`zone-${side}-nearest`]?.value ?? '';
          expect(candidates(a, side, m, maxLeverage, v.taker), `${v.venue} ${side}`).toContain(shown);
          const price = Number(shown);
          // On the side of the mark where that side is liquidated, and where the population truly is.
          expect(side === 'long' ? price < a.markPrice : price > a.markPrice).toBe(true);
          expect(
            a.crowd.some((t) => t.side === side && Math.abs(t.liq - price) <= 0.0075 * a.markPrice),
            `${v.venue} ${side} zone ${price} near a true liquidation`,
          ).toBe(true);
        }

        const cards = await waitFor(
          page,
          probePositions,
          `${v.venue} cards with zone fields`,
          (ps) => ps.length === 2 && ps.every((p) => p.fields['zone-model']?.value === ZONE_MODEL.id),
          30_000,
        );
        for (const c of cards) checkCard(c, market);
        expect(market.text).not.toMatch(NOT_A_NUMBER);
        await page.screenshot(`${ARTIFACTS}/${name}-zones-${v.venue}.png`);
        await page.close();
      });
    }

    it('hyperliquid publishes no OI history: the zones say "building" with the hours recorded, never a guess', async () => {
      const page = await env.browser.newPage();
      await page.goto('https://app.hyperliquid.xyz/trade/BTC');
      const market = await waitFor(
        page,
        probeMarket,
        'hyperliquid zones building',
        (p) => p.state === 'ok' && /^building: /.test(p.fields['zone-long-nearest']?.title ?? ''),
        // The candles come in the background, behind the page's own requests (half a window at most).
        90_000,
      );
      for (const f of MARKET_ZONE_FIELDS) {
        expect(market.fields[f]?.value, f).toBe('');
        expect(market.fields[f]?.title, f).toMatch(/building: Hyperliquid publishes no open-interest history, and PerpLens has recorded [\d.]+ h of the 24 h/);
      }
      const cards = await waitFor(
        page,
        probePositions,
        'hyperliquid cards',
        (ps) => ps.length === 2 && ps.every((p) => p.fields['zone-model'] !== undefined),
        30_000,
      );
      for (const c of cards) for (const f of POSITION_ZONE_FIELDS) expect(c.fields[f]?.value, `${c.side} ${f}`).toBe('');
      await page.close();
    });

    it('a market page without a position draws the ladder around the mark', async () => {
      const page = await env.browser.newPage();
      await page.goto('https://www.binance.com/en/futures/ETHUSDT');
      await waitFor(page, probeMarket, 'ETH zone fields known', zoneReady, 60_000);
      const ladder = await waitFor(
        page,
        () => {
          const l = document.getElementById('perplens-root')?.shadowRoot?.querySelector('[data-perplens-market] [data-ladder]');
          if (!l) return null;
          return {
            rows: l.querySelectorAll('.lad-row').length,
            mark: l.querySelectorAll('.lad-row.at-mark').length,
            zones: l.querySelectorAll('.bar.zone').length,
            label: l.getAttribute('aria-label') ?? '',
            height: l.getBoundingClientRect().height,
          };
        },
        'the ladder',
      );
      expect(ladder.rows).toBe(21);
      expect(ladder.mark).toBe(1);
      expect(ladder.zones).toBeGreaterThan(0);
      expect(ladder.label).toMatch(/^Modelled liquidations from −6\.0% to \+6\.0% around the mark 2,986\.30: long clusters .*est\./);
      expect(ladder.height).toBeGreaterThan(40);
      await page.screenshot(`${ARTIFACTS}/${name}-zones-ladder.png`);
      await page.close();
    });
  });
}

/** A card's zone fields agree with its market row, its own distance and the chip it draws. */
function checkCard(c: PositionProbe, market: MarketProbe): void {
  const where = `${c.venue} ${c.side}`;
  for (const f of POSITION_ZONE_FIELDS) expect(c.fields[f], `${where} ${f}`).toBeDefined();
  // A card of the page's own market meets the same zones as its market row (a page may list other markets' positions too).
  if (c.symbol === market.symbol) expect(c.fields['zone-nearest-price']?.value, where).toBe(market.fields[`zone-${c.side}-nearest`]?.value);
  const relation = c.fields['liq-zone-relation']?.value;
  expect(['in-zone', 'beyond-zone', 'clear'], where).toContain(relation);
  const share = value(c.fields['zone-between-share']);
  expect(share >= 0 && share <= 1, `${where} share ${share}`).toBe(true);
  if (relation === 'beyond-zone') expect(value(c.fields['zone-nearest-distance'])).toBeLessThan(value(c.fields['liq-distance']));
  if (relation === 'clear') expect(c.text).not.toMatch(/cluster \(modelled\)/);
  else
    expect(c.text).toMatch(
      relation === 'in-zone' ? /your liquidation sits in a \w+ cluster \(modelled\)/ : /cluster \(modelled\) sits between you and your liquidation/,
    );
}
