// @vitest-environment happy-dom
// @vitest-environment-options { "url": "https://www.binance.com/en/futures/BTCUSDT" }
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { layoutSkeleton } from '../../../src/background/layout-report';

const ADDRESS = '0x4b4b4b4b4b4b4b4b4b4b4b4b4b4b4b4b4b4b4b4b';
const DYDX = 'dydx1qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq';

/** Every saved venue page, with an account name and wallet addresses put where pages show them. */
function pages(): { name: string; html: string }[] {
  const root = 'tests/pages';
  return readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) =>
      readdirSync(join(root, d.name))
        .filter((f) => f.endsWith('.html'))
        .map((f) => ({ name: `${d.name}/${f}`, html: readFileSync(join(root, d.name, f), 'utf8') })),
    );
}

/** The quoted texts of the report: what it says of each element's own text. */
const quoted = (report: string) => [...report.matchAll(/"([^"]*)"/g)].map((m) => m[1] ?? '');

describe('the layout report', () => {
  const all = pages();
  it('has pages to look at', () => {
    expect(all.length).toBeGreaterThan(30);
  });

  it.each(all)('$name: keeps the structure and the captions, and no digit, address or name of the account', ({ html }) => {
    document.documentElement.innerHTML = new DOMParser().parseFromString(html, 'text/html').documentElement.innerHTML;
    const account = document.createElement('div');
    account.innerHTML = `<header><span class="user">Satoshi Nakamoto</span><span>${ADDRESS}</span><span>${DYDX}</span><span>Balance 12,345.67 USDT</span></header>`;
    document.body.prepend(account);
    const report = layoutSkeleton();
    const [title, ...lines] = report.split('\n');
    expect(title).toMatch(/^PerpLens layout report · www\.binance\.com\/en\/futures\/BTCUSDT/);
    expect(lines.length).toBeGreaterThan(3);
    for (const text of quoted(lines.join('\n'))) expect(text).not.toMatch(/\p{N}/u);
    expect(report).not.toContain(ADDRESS.slice(2, 12));
    expect(report).not.toContain('qqqqqqqq');
    expect(report).not.toMatch(/Satoshi|Nakamoto/);
    expect(report).not.toMatch(/12,345|60,000|59,000|56,300/);
  });

  it('shows the shape of values and keeps units and column captions', () => {
    document.body.innerHTML = `<table><thead><tr><th>Symbol</th><th>Size</th><th>Entry Price</th><th>Liq. Price</th></tr></thead>
      <tbody><tr><td>BTCUSDT Perpetual</td><td>0.500 BTC</td><td>59,000.00 USDT</td><td>56,300.50</td></tr></tbody></table>`;
    const report = layoutSkeleton();
    expect(report).toContain('th "Entry Price"');
    expect(report).toContain('th "Liq. Price"');
    expect(report).toContain('td "#.### AAA"');
    expect(report).toContain('td "##,###.## USDT"');
    expect(report).toContain('td "AAAAAAA Perpetual"');
  });

  it('walks what it can in a bounded report, and leaves its own panel out', () => {
    document.body.innerHTML = `<div id="perplens-root"><p>42.1%</p></div>${'<div><span>1</span></div>'.repeat(3000)}`;
    const report = layoutSkeleton();
    expect(report).not.toContain('perplens-root');
    expect(report.split('\n').length).toBeLessThan(1600);
    expect(report).toMatch(/cut at 1500 elements/);
  });
});
