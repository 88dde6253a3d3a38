import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GMX_MARKETS, GMX_PARAMS, gmxOpenInterest, fundingPerSecond } from '../fake-exchange/gmx';
import { startFakeExchange, type FakeExchange } from '../fake-exchange/server';
import { launch, waitFor, type E2EBrowser, E2E_BROWSERS } from './browsers';
import { knownNumber as num, NOT_A_NUMBER, probeMarket, probePositions } from './probes';

// GMX v2 end to end: its positions table as GMX's interface renders it (tests/pages/gmx/e2e-long-short.html),
// the fake API and oracle keeper under their real hostnames. Funding and borrowing accrue every
// second on the size at entry, each side at its own rate; the crowded side is measured from the
// long and short open interest. Every figure is worked out here from the fake's state.

const LONG = { size: 0.5, entry: 59_000, mark: 60_000.12, liq: 56_300.5, margin: 1_475, pnl: 500.06 };
const SHORT = { size: 0.3, entry: 61_000, mark: 60_000.12, liq: 63_800, margin: 915, pnl: 299.96 };

for (const name of E2E_BROWSERS) {
  describe(`GMX in ${name}`, () => {
    let fake: FakeExchange;
    let browser: E2EBrowser;

    beforeAll(async () => {
      fake = await startFakeExchange({ port: name === 'firefox' ? 443 : 0 });
      browser = await launch(name, fake);
    });
    afterAll(async () => {
      await browser?.close();
      await fake?.close();
    });

    it('a long and a short on BTC/USD [BTC-USDC]: funding and borrowing per side, the fee-only time to liquidation, measured crowding', async () => {
      const page = await browser.newPage();
      await page.goto('https://app.gmx.io/trade?market=BTC&pool=BTC-USDC');
      const ps = await waitFor(page, probePositions, 'gmx positions ok', (xs) => xs.length === 2 && xs.every((p) => p.state === 'ok'), 30_000);
      const btc = fake.markets.get('BTC');
      const market = GMX_MARKETS.find((m) => m.symbol === 'BTC:BTC-USDC');
      if (!btc || !market) throw new Error('no BTC market in the fake');
      const oi = gmxOpenInterest(market, btc);
      const paid = fundingPerSecond(btc.fundingRate8h) * 3_600;
      // Longs pay (positive rate); the shorts receive what they pay, over their own open interest.
      expect(btc.fundingRate8h).toBeGreaterThan(0);
      const received = (paid * oi.longUsd) / oi.shortUsd;
      for (const [pos, side] of [
        [LONG, 'long'],
        [SHORT, 'short'],
      ] as const) {
        const p = ps.find((x) => x.side === side);
        if (!p) throw new Error(`no ${side}`);
        expect([p.venue, p.symbol]).toEqual(['gmx', 'BTC:BTC-USDC']);
        expect(num(p, 'mark-price')).toBeCloseTo(pos.mark, 6);
        expect(num(p, 'liq-price')).toBeCloseTo(pos.liq, 6);
        expect(p.fields['liq-source']?.value).toBe('page');
        const s = side === 'long' ? 1 : -1;
        expect(num(p, 'liq-distance')).toBeCloseTo((s * (pos.mark - pos.liq)) / pos.mark, 12);
        const sizeUsd = pos.size * pos.entry;
        expect(num(p, 'funding-rate')).toBeCloseTo(paid, 15);
        expect(num(p, 'funding-interval-hours')).toBe(1);
        const fundingPerDay = (side === 'long' ? paid : -received) * sizeUsd * 24;
        expect(num(p, 'funding-per-day') / fundingPerDay).toBeCloseTo(1, 9);
        const borrow = side === 'long' ? GMX_PARAMS.borrowLongPerHour : GMX_PARAMS.borrowShortPerHour;
        expect(num(p, 'borrowing-rate')).toBeCloseTo(borrow, 15);
        expect(num(p, 'borrowing-per-day') / (borrow * sizeUsd * 24)).toBeCloseTo(1, 9);
        const holding = fundingPerDay + borrow * sizeUsd * 24;
        expect(num(p, 'holding-cost-per-day') / holding).toBeCloseTo(1, 9);
        expect(num(p, 'holding-cost-margin-share-per-day') / (holding / pos.margin)).toBeCloseTo(1, 9);
        // With the price still: net value down to size × the liquidation collateral factor, at the fees paid.
        const paidPerHour = sizeUsd * (borrow + (side === 'long' ? paid : 0));
        const hours = (pos.margin + pos.pnl - sizeUsd * GMX_PARAMS.minCollateralFactorForLiquidation) / paidPerHour;
        expect(num(p, 'fee-liquidation-hours') / hours).toBeCloseTo(1, 9);
        // No payment time: funding accrues every second.
        expect(p.fields['next-funding']?.value).toBe('');
        expect(p.fields['next-funding']?.title).toMatch(/every second/);
        // Measured: longs hold 70% of the open interest.
        expect(p.fields['crowded-side']?.value).toBe('longs');
        expect(p.fields['crowded-side']?.title).toMatch(/^Measured, not inferred: longs hold 70% /);
        expect(p.fields.premium?.value).toBe('');
        expect(p.text).not.toMatch(NOT_A_NUMBER);
      }
      const market0 = await waitFor(page, probeMarket, 'gmx market row', (m) => m?.state === 'ok', 15_000);
      expect([market0?.venue, market0?.symbol]).toEqual(['gmx', 'BTC:BTC-USDC']);
      await page.close();
    });

    it('a trade page whose link names no market: the title’s index, read as its deepest pool', async () => {
      const page = await browser.newPage();
      await page.goto('https://app.gmx.io/trade');
      const m = await waitFor(page, probeMarket, 'gmx market from the title', (x) => x?.state === 'ok', 30_000);
      expect([m?.venue, m?.symbol]).toEqual(['gmx', 'BTC']);
      const ps = await waitFor(page, probePositions, 'gmx positions ok', (xs) => xs.length === 2 && xs.every((p) => p.state === 'ok'), 30_000);
      expect(ps.map((p) => p.symbol)).toEqual(['BTC:BTC-USDC', 'BTC:BTC-USDC']);
      await page.close();
    });
  });
}
